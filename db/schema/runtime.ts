import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { OUTBOX_STATUSES } from '../enums.js';
import { id, timestamp } from './columns.js';

/**
 * Messages to send, stored before sending so none is lost when Telegram or the process is down.
 * `kind` names the event ("lead_created", "lead_repeat", "morning_list"...); the bot renders it at send time.
 * `dedupe_key` makes "send once" a database fact: a second insert with the same key is ignored.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    id: id(),
    kind: text('kind').notNull(),
    /** Target chat; null means "the bot decides" (team chat or round-robin for a new lead). */
    chatId: integer('chat_id'),
    memberId: text('member_id'),
    payload: text('payload', { mode: 'json' }).notNull().$type<Record<string, unknown>>(),
    status: text('status', { enum: OUTBOX_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at').notNull(),
    lockedUntil: timestamp('locked_until'),
    lastError: text('last_error'),
    dedupeKey: text('dedupe_key').unique(),
    telegramMessageId: integer('telegram_message_id'),
    createdAt: timestamp('created_at').notNull(),
    sentAt: timestamp('sent_at'),
  },
  (t) => [index('outbox_pending').on(t.status, t.nextAttemptAt)],
);

/** grammY session and conversation state, so any instance can serve the next update. */
export const botSessions = sqliteTable('bot_sessions', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: timestamp('updated_at').notNull(),
});

/** One row per job delivery (job, period, recipient): the unique key is what makes jobs run once. */
export const jobRuns = sqliteTable('job_runs', {
  key: text('key').primaryKey(),
  job: text('job').notNull(),
  createdAt: timestamp('created_at').notNull(),
});

/**
 * Telegram updates already taken in, by `update_id`: written before the update does anything, so a
 * redelivery (Telegram retries a webhook that answered late or with an error) is acknowledged and
 * does nothing. Kept a few days (Telegram stops redelivering after 24 hours), then pruned.
 */
export const telegramUpdates = sqliteTable(
  'telegram_updates',
  {
    updateId: integer('update_id').primaryKey(),
    receivedAt: timestamp('received_at').notNull(),
  },
  (t) => [index('telegram_updates_received').on(t.receivedAt)],
);

/**
 * Telegram's send pacing, shared by every instance that sends from this database (two Node
 * processes, Workers isolates): the row `all` holds the next free slot for any message (about 30
 * a second overall), a `chat:<id>` row that chat's next slot (one a second in private, one per
 * 3 s in a group) and until when a 429 blocks it. Times are epoch milliseconds. One statement per
 * send reserves a slot (src/core/telegram/telegram-pacing.ts); chat rows idle for a day are pruned.
 */
export const telegramPacing = sqliteTable('telegram_pacing', {
  key: text('key').primaryKey(),
  nextAt: real('next_at').notNull(),
  blockedUntil: real('blocked_until').notNull().default(0),
});
