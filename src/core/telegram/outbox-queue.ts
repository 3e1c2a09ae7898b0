import { and, asc, eq, gt, inArray, isNull, lte, notInArray, notLike, or, sql } from 'drizzle-orm';
import { alias, type SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../../db/client.js';
import { outbox } from '../../../db/schema/index.js';

export type OutboxRow = typeof outbox.$inferSelect;
type QueueContext = { db: Db; now: () => Date };

/** How long a claimed row stays invisible to other senders; a send takes far less. */
export const OUTBOX_LOCK_MS = 60_000;

/**
 * Claims due pending messages for one sender. A single UPDATE … WHERE id IN (SELECT … LIMIT n)
 * … RETURNING is atomic in SQLite, so two instances polling at once never get the same row.
 * A sender that dies mid-run leaves its rows locked until `lockedUntil`, then they are claimed again.
 *
 * Messages to one chat leave in the order they were made (created_at, then the time-ordered id):
 * while a row to a chat is in flight (locked) or waiting out a failed send, nothing more to that
 * chat is claimed. Without this, after an outage the rows that failed least recently (short
 * backoff) and the ones created during it would overtake the first ones, and two senders would
 * split one chat's backlog. Rows whose chat is decided at send time (chat_id null: new-lead
 * cards, pool nudges) form one line of their own. Two kinds of row hold no line: one never tried
 * (scheduled for later), and one the sender could not render (`OUT_OF_LINE_ERRORS`): a message
 * that cannot be built must not silence its chat for good.
 */
export async function claimDueOutbox(ctx: QueueContext, opts: { limit: number; lockMs?: number }): Promise<OutboxRow[]> {
  const now = ctx.now();
  const lockedUntil = new Date(now.getTime() + (opts.lockMs ?? OUTBOX_LOCK_MS));
  const due = ctx.db
    .select({ id: outbox.id })
    .from(outbox)
    .where(
      and(
        eq(outbox.status, 'pending'),
        lte(outbox.nextAttemptAt, now),
        or(isNull(outbox.lockedUntil), lte(outbox.lockedUntil, now)),
        notInArray(lineOf(outbox.chatId), heldLines(ctx, now)),
      ),
    )
    .orderBy(asc(outbox.createdAt), asc(outbox.id))
    .limit(opts.limit);
  const rows = await ctx.db
    .update(outbox)
    .set({ lockedUntil, attempts: sql`${outbox.attempts} + 1` })
    .where(and(inArray(outbox.id, due), eq(outbox.status, 'pending')))
    .returning();
  return rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** lastError prefixes of rows the sender could not build a message for (see claimDueOutbox). */
export const OUT_OF_LINE_ERRORS = ['render:', 'no renderer'] as const;

/** A chat's line; 0 (no Telegram chat has it) stands for "decided at send time". */
const lineOf = (chatId: SQLiteColumn) => sql<number>`COALESCE(${chatId}, 0)`;

/**
 * Lines with a row tried and not yet settled. Not correlated with the outer query, so SQLite
 * computes it once per claim (one pass over the pending rows), whatever the backlog.
 */
function heldLines(ctx: QueueContext, now: Date) {
  const held = alias(outbox, 'held');
  return ctx.db
    .select({ line: lineOf(held.chatId) })
    .from(held)
    .where(
      and(
        eq(held.status, 'pending'),
        gt(held.attempts, 0),
        or(gt(held.nextAttemptAt, now), gt(held.lockedUntil, now)),
        or(isNull(held.lastError), and(...OUT_OF_LINE_ERRORS.map((p) => notLike(held.lastError, `${p}%`)))),
      ),
    );
}

/** The claim is the lock: only the sender that holds it (same lockedUntil) can settle the row. */
const held = (row: Pick<OutboxRow, 'id' | 'lockedUntil'>) =>
  and(eq(outbox.id, row.id), eq(outbox.status, 'pending'), row.lockedUntil ? eq(outbox.lockedUntil, row.lockedUntil) : isNull(outbox.lockedUntil));

export async function markOutboxSent(
  ctx: QueueContext,
  row: Pick<OutboxRow, 'id' | 'lockedUntil'>,
  result: { messageId: number | null; chatId?: number | null; note?: string },
): Promise<boolean> {
  const done = await ctx.db
    .update(outbox)
    .set({
      status: 'sent',
      sentAt: ctx.now(),
      telegramMessageId: result.messageId,
      lockedUntil: null,
      lastError: result.note ?? null,
      ...(result.chatId !== undefined ? { chatId: result.chatId } : {}),
    })
    .where(held(row))
    .returning({ id: outbox.id });
  return done.length === 1;
}

/** Exponential backoff from 2 s, capped at 10 minutes: a long outage is retried, never dropped. */
export function outboxBackoffMs(attempts: number): number {
  return Math.min(2_000 * 2 ** Math.max(attempts - 1, 0), 10 * 60_000);
}

export async function rescheduleOutbox(
  ctx: QueueContext,
  row: Pick<OutboxRow, 'id' | 'lockedUntil'>,
  opts: { delayMs: number; error: string },
): Promise<void> {
  await ctx.db
    .update(outbox)
    .set({ nextAttemptAt: new Date(ctx.now().getTime() + opts.delayMs), lockedUntil: null, lastError: opts.error.slice(0, 1000) })
    .where(held(row));
}

/** For errors a retry cannot fix (the chat is gone, the bot was blocked): kept with the reason, not retried. */
export async function failOutbox(ctx: QueueContext, row: Pick<OutboxRow, 'id' | 'lockedUntil'>, error: string): Promise<void> {
  await ctx.db
    .update(outbox)
    .set({ status: 'failed', lockedUntil: null, lastError: error.slice(0, 1000) })
    .where(held(row));
}
