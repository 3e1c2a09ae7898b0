import type { CoreContext } from '../shared/context.js';
import { newId } from '../shared/ids.js';
import { historyEntry } from '../shared/records.js';
import { batchAll, clientActor, clientOf, newClientLeadStatements, openLeadOfClient, upsertClient, type ClientLeadRef, type TelegramPerson } from './client-lead.js';

export interface StartResult {
  lead: ClientLeadRef;
  created: boolean;
}

/** What a deep link may carry as its source: letters, digits, "_" and "-", at most 64 (Telegram's own limit). */
export function clientSourceOf(payload: string): string | null {
  const raw = payload.startsWith('src_') ? payload.slice(4) : payload;
  return /^[A-Za-z0-9_-]{1,64}$/.test(raw) ? `telegram:${raw}` : null;
}

/**
 * A person who is not on the team pressed Start (from a site's "Write to us in Telegram" link, or by
 * finding the bot): their open lead gets a line that they came back, or a new lead is opened with the
 * link's source, their Telegram name and username.
 */
export async function startClientChat(ctx: CoreContext, person: TelegramPerson, source: string | null): Promise<StartResult> {
  const actor = clientActor(person);
  const c = { ...ctx, actor };
  const now = ctx.now();
  const client = await clientOf(ctx, person.telegramId);
  const open = await openLeadOfClient(ctx, client);
  const { db } = ctx;
  if (open) {
    await db.batch([
      upsertClient(db, person, open.id, now),
      historyEntry(db, { entityType: 'lead', entityId: open.id, action: 'client_started', actor, at: now, changes: { source } }),
    ]);
    return { lead: open, created: false };
  }
  const leadId = newId();
  await batchAll(db, [
    ...newClientLeadStatements(c, leadId, { person, phone: client?.phone ?? null, source: source ?? 'telegram', assignee: null }),
    upsertClient(db, person, leadId, now),
  ]);
  ctx.onOutbox?.();
  const lead = await openLeadOfClient(ctx, await clientOf(ctx, person.telegramId));
  if (!lead) throw new Error('client lead was not stored');
  return { lead, created: true };
}
