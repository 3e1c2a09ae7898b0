import { and, eq, isNull, sql } from 'drizzle-orm';
import type { MessageKind } from '../../../db/enums.js';
import { activities, clientMessages, history, leads } from '../../../db/schema/index.js';
import type { CoreContext } from '../shared/context.js';
import { newId } from '../shared/ids.js';
import {
  CLIENT_MESSAGE_SUBJECT, batchAll, clientActor, clientOf, insertedNow, newClientLeadStatements, openLeadById, openLeadOfClient,
  upsertClient, type ClientLeadRef, type TelegramPerson,
} from './client-lead.js';
import { messageTrace, type ChatMessage } from './message-trace.js';

/** The bot's own chat with the client, or a manager's Telegram Business chat with them. */
export type ClientChannel = { kind: 'bot' } | { kind: 'business'; memberId: string; memberLabel: string };

export const viaOf = (channel: ClientChannel) => (channel.kind === 'bot' ? 'bot' : `business:${channel.memberId}`);

export interface ReceivedMessage {
  lead: ClientLeadRef;
  /** True when this message was stored before (Telegram delivered it again): nothing more to do. */
  duplicate: boolean;
  created: boolean;
  /** The stored message's id, for the relayed copies to point at. */
  messageId: string | null;
}

/**
 * A client wrote (text, photo, document, voice). The message joins the open lead of the person
 * (their chat's lead, or an open lead of the phone they shared), or opens a new lead: in the pool
 * for the bot's chat, assigned to the manager for their business chat. Stored once per Telegram
 * message: a redelivery finds the first copy. An unanswered message opens an "answer the client"
 * task due at once, so the lead is overdue in lists, the morning list and the sweep until answered.
 */
export async function receiveClientMessage(
  ctx: CoreContext,
  person: TelegramPerson,
  channel: ClientChannel,
  message: ChatMessage,
): Promise<ReceivedMessage> {
  const { db } = ctx;
  const via = viaOf(channel);
  const seen = await storedMessage(ctx, via, message.chatId, message.messageId);
  if (seen) {
    const lead = await leadRefById(ctx, seen.leadId);
    return { lead, duplicate: true, created: false, messageId: seen.id };
  }
  const actor = clientActor(person);
  const c = { ...ctx, actor };
  const now = ctx.now();
  const client = await clientOf(ctx, person.telegramId);
  const open = await openLeadOfClient(ctx, client);
  const leadId = open?.id ?? newId();
  const assignee = channel.kind === 'business' ? { id: channel.memberId, label: channel.memberLabel } : null;
  const messageId = newId();
  const at = message.at ?? now;
  await batchAll(db, [
    ...(open
      ? [db.update(leads).set({ updatedAt: now }).where(eq(leads.id, leadId))]
      : newClientLeadStatements(c, leadId, { person, phone: client?.phone ?? null, source: channel.kind === 'bot' ? 'telegram' : 'telegram:business', assignee })),
    upsertClient(db, person, leadId, now),
    db
      .insert(clientMessages)
      .values({ id: messageId, leadId, clientTelegramId: person.telegramId, direction: 'in', via, ...messageColumns(message), memberId: null, at })
      .onConflictDoNothing(),
    db.insert(history).select(messageTrace(leadId, actor, 'client_message', message, now, insertedNow(messageId))),
    // One open "answer the client" task per lead, due when the first unanswered message came.
    db.insert(activities).select(sql`SELECT ${newId()}, 'task', ${CLIENT_MESSAGE_SUBJECT}, ${at.getTime()}, NULL, NULL, NULL,
        (SELECT ${leads.assigneeId} FROM ${leads} WHERE ${leads.id} = ${leadId}), ${leadId}, NULL, ${actor.label}, ${now.getTime()}, ${now.getTime()}
      WHERE ${insertedNow(messageId)} AND NOT EXISTS (SELECT 1 FROM ${activities} WHERE ${activities.leadId} = ${leadId}
        AND ${activities.subject} = ${CLIENT_MESSAGE_SUBJECT} AND ${activities.doneAt} IS NULL)`),
  ]);
  if (!open) ctx.onOutbox?.();
  const stored = await storedMessage(ctx, via, message.chatId, message.messageId);
  const lead = await leadRefById(ctx, stored?.leadId ?? leadId);
  const duplicate = stored?.id !== messageId;
  return { lead, duplicate, created: !open && !duplicate, messageId: stored?.id ?? null };
}

export function messageColumns(m: ChatMessage) {
  return { chatId: m.chatId, messageId: m.messageId, kind: m.kind satisfies MessageKind, fileId: m.fileId ?? null, text: m.text ?? null };
}

async function storedMessage(ctx: Pick<CoreContext, 'db'>, via: string, chatId: number, messageId: number) {
  const [row] = await ctx.db
    .select({ id: clientMessages.id, leadId: clientMessages.leadId })
    .from(clientMessages)
    .where(and(eq(clientMessages.via, via), eq(clientMessages.chatId, chatId), eq(clientMessages.messageId, messageId)))
    .limit(1);
  return row ?? null;
}

/** The lead a stored message is on, open or closed (a redelivery after the lead closed still names it). */
export async function leadRefById(ctx: Pick<CoreContext, 'db'>, leadId: string): Promise<ClientLeadRef> {
  const open = await openLeadById(ctx, leadId);
  if (open) return open;
  const [row] = await ctx.db
    .select({ id: leads.id, number: leads.number, name: leads.name, assigneeId: leads.assigneeId })
    .from(leads)
    .where(eq(leads.id, leadId))
    .limit(1);
  if (!row) throw new Error(`lead ${leadId} of a client message is missing`);
  return row;
}

/** Open "answer the client" tasks of a lead, for the answer to close. */
export const openClientTasks = (leadId: string) =>
  and(eq(activities.leadId, leadId), isNull(activities.doneAt), sql`${activities.subject} IN (${CLIENT_MESSAGE_SUBJECT}, 'first_contact')`);
