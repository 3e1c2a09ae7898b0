import { and, eq, lt, ne, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { telegramPacing } from '../../../db/schema/index.js';

type PacingContext = { db: Db; now: () => Date };

/** Gaps between two messages: to anyone (the bot's overall rate) and to the same chat. */
export interface SendGaps {
  globalMs: number;
  chatMs: number;
}

/**
 * When this message may go out (epoch ms); or, while a 429 blocks its chat, until when; or, when
 * its chat's own limit is what holds it, when to ask again (nothing was reserved).
 */
export type SendSlot = { slotAt: number } | { blockedUntil: number } | { askAt: number };

const chatKey = (chatId: number) => `chat:${chatId}`;

/**
 * Reserves the earliest send slot that respects the bot's overall rate and the chat's own, for
 * every instance sending from this database at once: slot = max(now, next free overall, the
 * chat's next), and both "next" move on past it. One INSERT … SELECT … ON CONFLICT … RETURNING,
 * so a single statement (atomic in SQLite, D1 and Turso alike) reads and moves both rows: two
 * senders never get the same slot, and a reservation costs one query. SQLite computes the SELECT
 * in full before writing, because it reads the table it inserts into, so both rows move from the
 * same old values. A chat blocked by a recent 429 reserves nothing. Neither does a chat whose own
 * next slot lies beyond the overall one (the second message to a group within 3 s): reserving it
 * would push the overall slot, and every other chat's message, behind that chat's wait.
 */
export async function reserveSendSlot(ctx: PacingContext, chatId: number, gaps: SendGaps): Promise<SendSlot> {
  const now = ctx.now().getTime();
  const chat = chatKey(chatId);
  const rows = await ctx.db.all<{ key: string; next_at: number }>(sql`
    WITH prev AS (
      SELECT
        coalesce((SELECT next_at FROM telegram_pacing WHERE key = 'all'), 0) AS overall,
        coalesce((SELECT next_at FROM telegram_pacing WHERE key = ${chat}), 0) AS chat,
        coalesce((SELECT blocked_until FROM telegram_pacing WHERE key = ${chat}), 0) AS blocked
    ),
    slot AS (SELECT max(${now}, overall, chat) AS at FROM prev WHERE blocked <= ${now} AND chat <= max(${now}, overall) + ${gaps.globalMs})
    INSERT INTO telegram_pacing (key, next_at)
      SELECT 'all', at + ${gaps.globalMs} FROM slot WHERE true
      UNION ALL
      SELECT ${chat}, at + ${gaps.chatMs} FROM slot WHERE true
    ON CONFLICT (key) DO UPDATE SET next_at = excluded.next_at
    RETURNING key, next_at`);
  const overall = rows.find((r) => r.key === 'all');
  if (overall) return { slotAt: Number(overall.next_at) - gaps.globalMs };
  const [row] = await ctx.db.select().from(telegramPacing).where(eq(telegramPacing.key, chat));
  if (row && row.blockedUntil > now) return { blockedUntil: row.blockedUntil };
  return { askAt: row?.nextAt ?? now };
}

/** After a 429 for a chat: every instance leaves it alone until Telegram's retry_after has passed. */
export async function blockChat(ctx: PacingContext, chatId: number, ms: number): Promise<void> {
  const until = ctx.now().getTime() + ms;
  await ctx.db
    .insert(telegramPacing)
    .values({ key: chatKey(chatId), nextAt: 0, blockedUntil: until })
    .onConflictDoUpdate({ target: telegramPacing.key, set: { blockedUntil: sql`max(${telegramPacing.blockedUntil}, excluded.blocked_until)` } });
}

/** Chat rows whose slot and block are long past say nothing any more (housekeeping). */
export function stalePacingRows(db: Db, before: number) {
  return db
    .delete(telegramPacing)
    .where(and(ne(telegramPacing.key, 'all'), lt(telegramPacing.nextAt, before), lt(telegramPacing.blockedUntil, before)))
    .returning({ key: telegramPacing.key });
}
