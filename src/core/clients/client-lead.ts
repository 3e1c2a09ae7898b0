import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { OPEN_LEAD_STATUSES } from '../../../db/enums.js';
import { clientMessages, leads, telegramClients, type TelegramClientRow } from '../../../db/schema/index.js';
import type { Actor, CoreContext } from '../shared/context.js';
import type { Statement } from '../shared/guarded-write.js';
import { findOpenLeadOf } from '../intake/intake-lookup.js';
import { outboxEntry } from '../shared/records.js';
import { insertNewLead, newLeadRows } from '../leads/new-lead-rows.js';

/** Who wrote, as Telegram tells it. Their private chat id is their user id. */
export interface TelegramPerson {
  telegramId: number;
  name: string;
  username: string | null;
  languageCode: string | null;
}

/** The lead a conversation lives on, as the adapters need it: where to relay, what to call it. */
export interface ClientLeadRef {
  id: string;
  number: number;
  name: string | null;
  assigneeId: string | null;
}

/** The subject of the activity an unanswered client message opens: overdue at once, done by the answer. */
export const CLIENT_MESSAGE_SUBJECT = 'client_message';

/** History shows the client by name and username: "Ivan Petrov (@ivan)". */
export function clientActor(person: Pick<TelegramPerson, 'name' | 'username'>): Actor {
  return { kind: 'webhook', id: 'telegram', label: person.username ? `${person.name} (@${person.username})` : person.name };
}

export async function clientOf(ctx: Pick<CoreContext, 'db'>, telegramId: number): Promise<TelegramClientRow | null> {
  const [row] = await ctx.db.select().from(telegramClients).where(eq(telegramClients.telegramId, telegramId)).limit(1);
  return row ?? null;
}

const leadRef = {
  id: leads.id,
  number: leads.number,
  name: leads.name,
  assigneeId: leads.assigneeId,
};

export async function openLeadById(ctx: Pick<CoreContext, 'db'>, leadId: string | null): Promise<ClientLeadRef | null> {
  if (!leadId) return null;
  const [row] = await ctx.db
    .select(leadRef)
    .from(leads)
    .where(and(eq(leads.id, leadId), inArray(leads.status, OPEN_LEAD_STATUSES)))
    .limit(1);
  return row ?? null;
}

/** The person's open lead: the one their chat lives on, else an open lead of their phone. */
export async function openLeadOfClient(ctx: Pick<CoreContext, 'db'>, client: TelegramClientRow | null): Promise<ClientLeadRef | null> {
  const own = await openLeadById(ctx, client?.leadId ?? null);
  if (own || !client?.phone) return own;
  const byPhone = await findOpenLeadOf(ctx, { e164: client.phone, ext: null }, null);
  return byPhone ? openLeadById(ctx, byPhone.id) : null;
}

export interface NewClientLead {
  person: TelegramPerson;
  phone: string | null;
  /** "telegram:site" from a deep link, "telegram:business" for a manager's business chat. */
  source: string;
  /** A lead from a manager's business chat is theirs from the start; a bot lead waits in the pool. */
  assignee: { id: string; label: string } | null;
}

/**
 * A new lead for a Telegram client, with its first-contact step (a task: answering is the contact),
 * its history line and, for a pool lead, the announcement the team chat or round robin gets.
 */
export function newClientLeadStatements(ctx: CoreContext, leadId: string, input: NewClientLead) {
  const { db } = ctx;
  const now = ctx.now();
  const { person, assignee } = input;
  const rows = newLeadRows(
    ctx,
    {
      lead: {
        name: person.name,
        phone: input.phone,
        channel: 'telegram',
        source: input.source,
        extra: { telegramId: person.telegramId, ...(person.username ? { telegramUsername: `@${person.username}` } : {}) },
        status: assignee ? 'assigned' : 'new',
        assigneeId: assignee?.id ?? null,
      },
      firstContact: { kind: 'task', assigneeId: assignee?.id ?? null },
      changes: { channel: 'telegram', source: input.source, ...(assignee ? { assignee: [null, assignee.label] } : {}) },
    },
    now,
    leadId,
  );
  return [
    ...insertNewLead(db, rows),
    ...(assignee ? [] : [outboxEntry(db, { kind: 'lead_created', payload: { leadId }, at: now, dedupeKey: `lead_created:${leadId}` })]),
  ];
}

/** Creates or refreshes the client row and points it at the lead their conversation lives on. */
export function upsertClient(db: Db, person: TelegramPerson, leadId: string | null, now: Date, phone?: string | null) {
  const fresh = {
    name: person.name,
    username: person.username,
    languageCode: person.languageCode,
    leadId,
    blockedAt: null,
    updatedAt: now,
    ...(phone ? { phone } : {}),
  };
  return db
    .insert(telegramClients)
    .values({ telegramId: person.telegramId, ...fresh, phone: phone ?? null, createdAt: now })
    .onConflictDoUpdate({ target: telegramClients.telegramId, set: fresh });
}

/** Statements that run only when the client message `messageId` was inserted by this very batch. */
export const insertedNow = (messageId: string) => sql`EXISTS (SELECT 1 FROM ${clientMessages} WHERE ${clientMessages.id} = ${messageId})`;

/** One atomic batch of however many statements (db.batch wants a non-empty tuple type). */
export async function batchAll(db: Db, statements: Statement[]): Promise<void> {
  const [first, ...rest] = statements;
  if (first) await db.batch([first, ...rest]);
}
