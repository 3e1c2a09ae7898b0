import { and, eq, isNull, sql } from 'drizzle-orm';
import { activities, clientMessages, history, leads, relayedMessages, telegramClients } from '../../../db/schema/index.js';
import { isLeadership } from '../shared/access.js';
import type { CoreContext } from '../shared/context.js';
import { forbidden } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { assertAssigned, assertOpen, loadVisibleLead, requireMember } from '../leads/lead-access.js';
import { batchAll, insertedNow } from './client-lead.js';
import { messageTrace, type ChatMessage } from './message-trace.js';
import { messageColumns, openClientTasks, viaOf, type ClientChannel } from './receive-client-message.js';

export interface ReplyRoute {
  leadId: string;
  number: number;
  /** The client's chat with the bot (their user id). */
  clientChatId: number;
  clientName: string;
}

/**
 * A member replied to a message in their private chat: if it was a client's message the bot relayed,
 * the answer goes to that client. Only the lead's manager (or the owner and heads) may answer, and
 * only on an open, taken lead. Null when the replied-to message was not a relayed one.
 */
export async function findReplyRoute(ctx: CoreContext, relayed: { chatId: number; messageId: number }): Promise<ReplyRoute | null> {
  const actor = requireMember(ctx);
  const [row] = await ctx.db
    .select({ leadId: relayedMessages.leadId, clientChatId: clientMessages.clientTelegramId })
    .from(relayedMessages)
    .leftJoin(clientMessages, eq(clientMessages.id, relayedMessages.clientMessageId))
    .where(and(eq(relayedMessages.chatId, relayed.chatId), eq(relayedMessages.messageId, relayed.messageId)))
    .limit(1);
  if (!row) return null;
  const lead = await loadVisibleLead(ctx, row.leadId);
  assertOpen(lead);
  assertAssigned(lead);
  if (lead.assigneeId !== actor.id && !isLeadership(actor)) throw forbidden('This lead belongs to another manager');
  const clientChatId = row.clientChatId ?? (await clientOfLead(ctx, lead.id))?.telegramId;
  if (clientChatId === undefined) return null;
  const [client] = await ctx.db.select({ name: telegramClients.name }).from(telegramClients).where(eq(telegramClients.telegramId, clientChatId));
  return { leadId: lead.id, number: lead.number, clientChatId, clientName: client?.name ?? lead.name ?? '' };
}

async function clientOfLead(ctx: Pick<CoreContext, 'db'>, leadId: string) {
  const [row] = await ctx.db.select({ telegramId: telegramClients.telegramId }).from(telegramClients).where(eq(telegramClients.leadId, leadId)).limit(1);
  return row ?? null;
}

/**
 * The answer reached the client (through the bot, or typed by the manager in their business chat):
 * it is stored once on the lead's timeline, it is the lead's first touch if none came before, and it
 * closes the "answer the client" tasks. A lead left with no next step gets a follow-up the next day,
 * as a lead is never without a dated next step.
 */
export async function recordClientReply(
  ctx: CoreContext,
  input: { leadId: string; clientTelegramId: number; channel: ClientChannel; message: ChatMessage },
): Promise<{ duplicate: boolean }> {
  const actor = ctx.actor;
  const memberId = actor.kind === 'member' ? actor.id : null;
  const { db } = ctx;
  const now = ctx.now();
  const id = newId();
  const { leadId, message } = input;
  await batchAll(db, [
    db
      .insert(clientMessages)
      .values({
        id,
        leadId,
        clientTelegramId: input.clientTelegramId,
        direction: 'out',
        via: viaOf(input.channel),
        ...messageColumns(message),
        memberId,
        at: message.at ?? now,
      })
      .onConflictDoNothing(),
    db.insert(history).select(messageTrace(leadId, actor, 'client_reply', message, now, insertedNow(id))),
    db
      .update(leads)
      .set({ firstTouchedAt: sql`COALESCE(${leads.firstTouchedAt}, ${now.getTime()})`, updatedAt: now })
      .where(and(eq(leads.id, leadId), insertedNow(id))),
    db.update(activities).set({ doneAt: now, result: 'answered', updatedAt: now }).where(and(openClientTasks(leadId), insertedNow(id))),
    db.insert(activities).select(sql`SELECT ${newId()}, 'task', 'follow_up', ${now.getTime() + 86_400_000}, NULL, NULL, NULL,
        (SELECT ${leads.assigneeId} FROM ${leads} WHERE ${leads.id} = ${leadId}), ${leadId}, NULL, ${actor.label}, ${now.getTime()}, ${now.getTime()}
      WHERE ${insertedNow(id)} AND EXISTS (SELECT 1 FROM ${leads} WHERE ${leads.id} = ${leadId} AND ${leads.status} NOT IN ('converted', 'junk'))
        AND NOT EXISTS (SELECT 1 FROM ${activities} WHERE ${activities.leadId} = ${leadId} AND ${activities.doneAt} IS NULL)`),
  ]);
  const [stored] = await db.select({ id: clientMessages.id }).from(clientMessages).where(eq(clientMessages.id, id));
  return { duplicate: !stored };
}

/**
 * A send to the client failed with 403: they blocked the bot. The lead's timeline says so once and
 * the client row keeps the time, so the manager knows to reach them another way.
 */
export async function markClientBlocked(ctx: CoreContext, input: { leadId: string; clientTelegramId: number }): Promise<void> {
  const { db } = ctx;
  const now = ctx.now();
  await db.batch([
    db
      .update(telegramClients)
      .set({ blockedAt: now, updatedAt: now })
      .where(and(eq(telegramClients.telegramId, input.clientTelegramId), isNull(telegramClients.blockedAt))),
    db.insert(history).select(
      sql`SELECT ${newId()}, 'lead', ${input.leadId}, 'client_blocked', ${ctx.actor.kind}, ${ctx.actor.id}, ${ctx.actor.label}, NULL, ${now.getTime()}
        WHERE changes() = 1`,
    ),
  ]);
}

/** Copies of a client's message the bot sent to a manager or the team chat, so replies to them route back. */
export async function recordRelay(
  ctx: Pick<CoreContext, 'db' | 'now'>,
  leadId: string,
  clientMessageId: string | null,
  copies: { chatId: number; messageId: number }[],
): Promise<void> {
  if (copies.length === 0) return;
  const now = ctx.now();
  await ctx.db
    .insert(relayedMessages)
    .values(copies.map((c) => ({ ...c, leadId, clientMessageId, createdAt: now })))
    .onConflictDoNothing();
}
