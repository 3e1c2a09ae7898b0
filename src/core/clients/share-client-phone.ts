import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import { activities, clientMessages, leads, relayedMessages } from '../../../db/schema/index.js';
import type { CoreContext } from '../shared/context.js';
import { findOpenLeadOf } from '../intake/intake-lookup.js';
import { normalizePhone } from '../shared/phone.js';
import { historyEntry } from '../shared/records.js';
import { clientActor, clientOf, openLeadById, openLeadOfClient, upsertClient, type ClientLeadRef, type TelegramPerson } from './client-lead.js';

export interface SharedPhone {
  lead: ClientLeadRef;
  /** The lead the conversation was on before, when it was merged into an open lead of this phone. */
  mergedFrom: { number: number } | null;
  phone: string | null;
}

/**
 * The client tapped "Share phone number". The phone goes on their lead; when the team already has
 * an open lead of that phone (they filled the site form too), the chat's lead is merged into it:
 * messages and relayed copies move over, the chat's own lead is closed as a duplicate, and the
 * older lead keeps its manager. A number Telegram gives that does not parse is ignored.
 */
export async function shareClientPhone(ctx: CoreContext, person: TelegramPerson, rawPhone: string): Promise<SharedPhone | null> {
  const phone = normalizePhone(rawPhone.startsWith('+') ? rawPhone : `+${rawPhone}`, ctx.settings.defaultCountry)
    ?? normalizePhone(rawPhone, ctx.settings.defaultCountry);
  const client = await clientOf(ctx, person.telegramId);
  const own = await openLeadOfClient(ctx, client);
  if (!phone) return own ? { lead: own, mergedFrom: null, phone: null } : null;
  const actor = clientActor(person);
  const now = ctx.now();
  const { db } = ctx;
  const other = await findOpenLeadOf(ctx, phone, null);

  if (!own) {
    // Nothing open on their chat yet: remember the phone, and join the phone's lead if there is one.
    await db.batch([
      upsertClient(db, person, other?.id ?? null, now, phone.e164),
      ...(other ? [historyEntry(db, { entityType: 'lead', entityId: other.id, action: 'client_linked', actor, at: now, changes: { phone: phone.e164 } })] : []),
    ]);
    const lead = other ? await openLeadById(ctx, other.id) : null;
    return lead ? { lead, mergedFrom: null, phone: phone.e164 } : null;
  }

  if (!other || other.id === own.id) {
    await db.batch([
      upsertClient(db, person, own.id, now, phone.e164),
      db.update(leads).set({ phone: sql`COALESCE(${leads.phone}, ${phone.e164})`, updatedAt: now }).where(eq(leads.id, own.id)),
      historyEntry(db, { entityType: 'lead', entityId: own.id, action: 'client_phone', actor, at: now, changes: { phone: phone.e164 } }),
    ]);
    return { lead: (await openLeadById(ctx, own.id)) ?? own, mergedFrom: null, phone: phone.e164 };
  }

  const [ownNumber] = await db.select({ number: leads.number }).from(leads).where(eq(leads.id, own.id));
  await db.batch([
    upsertClient(db, person, other.id, now, phone.e164),
    db.update(clientMessages).set({ leadId: other.id }).where(eq(clientMessages.leadId, own.id)),
    db.update(relayedMessages).set({ leadId: other.id }).where(eq(relayedMessages.leadId, own.id)),
    // The chat's unanswered messages become the older lead's: its open "answer" task is moved, others closed.
    db
      .update(activities)
      .set({ leadId: other.id, assigneeId: other.assigneeId, updatedAt: now })
      .where(and(eq(activities.leadId, own.id), isNull(activities.doneAt), eq(activities.subject, 'client_message'))),
    db
      .update(activities)
      .set({ doneAt: now, result: 'cancelled', updatedAt: now })
      .where(and(eq(activities.leadId, own.id), isNull(activities.doneAt), ne(activities.subject, 'client_message'))),
    db
      .update(leads)
      .set({ status: 'junk', junkReason: 'duplicate', junkNote: `merged into lead #${other.number}`, closedAt: now, updatedAt: now })
      .where(eq(leads.id, own.id)),
    historyEntry(db, { entityType: 'lead', entityId: own.id, action: 'merged_into', actor, at: now, changes: { number: other.number } }),
    historyEntry(db, {
      entityType: 'lead',
      entityId: other.id,
      action: 'merged_from',
      actor,
      at: now,
      changes: { number: ownNumber?.number ?? null, phone: phone.e164 },
    }),
  ]);
  const lead = (await openLeadById(ctx, other.id)) ?? { id: other.id, number: other.number, name: null, assigneeId: other.assigneeId };
  return { lead, mergedFrom: ownNumber ? { number: ownNumber.number } : null, phone: phone.e164 };
}
