import { and, eq } from 'drizzle-orm';
import { businessConnections, members } from '../../../db/schema/index.js';
import type { CoreContext } from '../shared/context.js';
import { memberByTelegram, type MemberRow } from '../team/member-by-telegram.js';
import { historyEntry } from '../shared/records.js';

export interface ConnectionChange {
  member: MemberRow;
  enabled: boolean;
  /** False when Telegram only repeated what is already stored: nobody needs to hear it again. */
  changed: boolean;
}

/**
 * A manager connected the bot to their Telegram Business account, or disconnected it. Only an active
 * team member's connection is kept: anybody else's is ignored (null), so a stranger cannot make the
 * bot log their chats into the CRM.
 */
export async function saveBusinessConnection(
  ctx: CoreContext,
  input: { id: string; telegramUserId: number; enabled: boolean },
): Promise<ConnectionChange | null> {
  const member = await memberByTelegram(ctx, input.telegramUserId);
  if (!member?.active) return null;
  const { db } = ctx;
  const now = ctx.now();
  const [before] = await db.select().from(businessConnections).where(eq(businessConnections.id, input.id)).limit(1);
  const changed = before?.enabled !== input.enabled;
  await db.batch([
    db
      .insert(businessConnections)
      .values({ id: input.id, memberId: member.id, telegramUserId: input.telegramUserId, enabled: input.enabled, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({ target: businessConnections.id, set: { enabled: input.enabled, updatedAt: now } }),
    historyEntry(db, {
      entityType: 'member',
      entityId: member.id,
      action: input.enabled ? 'business_connected' : 'business_disconnected',
      actor: ctx.actor,
      at: now,
    }),
  ]);
  return { member, enabled: input.enabled, changed };
}

/** The manager behind an enabled business connection; null when unknown or disconnected (nothing is logged then). */
export async function businessConnectionOwner(ctx: Pick<CoreContext, 'db'>, connectionId: string): Promise<MemberRow | null> {
  const [row] = await ctx.db
    .select({ member: members })
    .from(businessConnections)
    .innerJoin(members, eq(members.id, businessConnections.memberId))
    .where(and(eq(businessConnections.id, connectionId), eq(businessConnections.enabled, true), eq(members.active, true)))
    .limit(1);
  return row?.member ?? null;
}
