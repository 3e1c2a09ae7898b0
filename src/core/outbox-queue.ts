import { and, asc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { outbox } from '../../db/schema/index.js';

export type OutboxRow = typeof outbox.$inferSelect;
type QueueContext = { db: Db; now: () => Date };

/** How long a claimed row stays invisible to other senders; a send takes far less. */
export const OUTBOX_LOCK_MS = 60_000;

/**
 * Claims due pending messages for one sender. A single UPDATE … WHERE id IN (SELECT … LIMIT n)
 * … RETURNING is atomic in SQLite, so two instances polling at once never get the same row.
 * A sender that dies mid-run leaves its rows locked until `lockedUntil`, then they are claimed again.
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
      ),
    )
    .orderBy(asc(outbox.nextAttemptAt), asc(outbox.createdAt))
    .limit(opts.limit);
  const rows = await ctx.db
    .update(outbox)
    .set({ lockedUntil, attempts: sql`${outbox.attempts} + 1` })
    .where(and(inArray(outbox.id, due), eq(outbox.status, 'pending')))
    .returning();
  return rows.sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime() || a.createdAt.getTime() - b.createdAt.getTime());
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
