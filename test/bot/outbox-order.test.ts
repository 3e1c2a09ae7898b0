import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { outbox } from '../../db/schema/index.js';
import { createBot } from '../../bot/create-bot.js';
import { deliverOutbox } from '../../bot/outbox/deliver.js';
import { RateLimiter, unlimited } from '../../bot/outbox/rate-limiter.js';
import { claimDueOutbox } from '../../src/core/telegram/outbox-queue.js';
import { outboxEntry } from '../../src/core/shared/records.js';
import { TEAM_CHAT, useBotWorld } from '../helpers/bot-world.js';
import { testBotInfo } from '../helpers/telegram.js';

/**
 * Regressions found by the outage suite (test/reliability/outage.test.ts): after Telegram was
 * unreachable, cards reached the team chat out of order (each row's backoff grew with its own
 * failures, and rows made during the outage were due before the first ones); and a long line to
 * one chat could outlast its claim, so a second sender took rows the first was about to send.
 */
describe('outbox order per chat', () => {
  const w = useBotWorld();

  // Lead numbers as announced in the team chat: a single card names one, a list card (a burst) several.
  const cardNumbers = () =>
    w.api
      .sent('sendMessage')
      .filter((p) => p.chat_id === TEAM_CHAT)
      .flatMap((p) => [...String(p.text).matchAll(/#(\d+)/g)].map((m) => Number(m[1])));
  // Plain messages to the team chat that are not lead cards, so no burst merges them: the order and claim rules alone.
  const plain = { test: async ({ row }: { row: { chatId: number | null; payload: Record<string, unknown> } }) => ({ chatId: row.chatId!, text: `#${String(row.payload.n)}` }) };
  const queuePlain = async (count: number) => {
    const now = w.deps.now();
    for (let n = 1; n <= count; n++) await outboxEntry(w.h.db, { kind: 'test', chatId: TEAM_CHAT, payload: { n }, at: new Date(now.getTime() + n) });
  };
  const pending = async () => (await w.h.db.select().from(outbox).where(eq(outbox.status, 'pending'))).length;

  it('cards made before, during and after an outage reach the team chat once each, in the order they were made', async () => {
    let down = true;
    w.api.failWith = (method) => (method === 'sendMessage' && down ? 'network' : undefined);
    const numbers: number[] = [];
    for (let minute = 0; minute < 12; minute++) {
      numbers.push((await w.lead()).number);
      await w.deliver();
      w.deps.clock.advance(60_000);
    }
    down = false;
    numbers.push((await w.lead()).number);
    for (let i = 0; i < 40 && (await pending()) > 0; i++) {
      await w.deliver();
      w.deps.clock.advance(5_000);
    }
    expect(await pending()).toBe(0);
    expect(cardNumbers()).toEqual(numbers);
  });

  it('a failed send holds the later messages of its chat in that run, not other chats', async () => {
    await queuePlain(2);
    await w.h.db.insert(outbox).values({ id: 'other', kind: 'test', chatId: 42, payload: { n: 0 }, nextAttemptAt: w.deps.now(), createdAt: w.deps.now() });
    w.api.failWith = (method, p) => (method === 'sendMessage' && p.chat_id === TEAM_CHAT ? { error_code: 502, description: 'Bad Gateway' } : undefined);
    w.deps.clock.advance(10);
    const report = await deliverOutbox(w.deps, w.bot, { limit: 100, renderers: plain });
    expect(w.api.sent('sendMessage').map((p) => p.chat_id)).toEqual([42]);
    // One attempt to the team chat, the second card held behind it without a call.
    expect(w.api.calls.filter((c) => c.method === 'sendMessage' && c.payload.chat_id === TEAM_CHAT)).toHaveLength(1);
    expect(report.retried).toBe(2);
    const rows = await w.h.db.select().from(outbox);
    const second = rows.find((r) => r.chatId === TEAM_CHAT && r.payload.n === 2);
    expect(second?.lastError).toContain('waiting for an earlier message');
  });

  it('a row that cannot be rendered does not hold its chat', async () => {
    const at = w.deps.now();
    await w.h.db.insert(outbox).values({ id: 'x0', kind: 'future_kind', payload: {}, nextAttemptAt: at, createdAt: at });
    expect(await w.deliver()).toMatchObject({ retried: 1 });
    w.deps.clock.advance(1_000);
    const lead = await w.lead();
    expect(await w.deliver()).toMatchObject({ sent: 1 });
    expect(cardNumbers()).toEqual([lead.number]);
  });

  it('concurrent claims never split one chat between senders; a never-tried scheduled row holds nobody', async () => {
    const now = w.deps.now();
    for (let i = 0; i < 6; i++) await outboxEntry(w.h.db, { kind: 'test', chatId: 7, payload: { i }, at: new Date(now.getTime() + i) });
    await outboxEntry(w.h.db, { kind: 'test', chatId: 8, payload: {}, at: now, notBefore: new Date(now.getTime() + 3600_000) });
    await outboxEntry(w.h.db, { kind: 'test', chatId: 8, payload: {}, at: new Date(now.getTime() + 1) });
    const q = { db: w.h.db, now: () => new Date(now.getTime() + 10) };
    const claims = await Promise.all([1, 2, 3].map(() => claimDueOutbox(q, { limit: 3 })));
    const byChat = (chat: number) => claims.filter((c) => c.some((r) => r.chatId === chat)).length;
    expect(byChat(7)).toBe(1);
    expect(claims.flat().filter((r) => r.chatId === 8)).toHaveLength(1);
  });

  it('a line that outlasts its claim is handed back, so a second sender never sends the same card', async () => {
    await queuePlain(30);
    const second = createBot({ ...w.deps, token: '123:TEST', botInfo: testBotInfo, fetch: w.api.fetch as never, limiter: unlimited() });
    let stepped = false;
    // The first sender's group-chat spacing (3 s a card) runs on the test clock; when its claim
    // has expired, the second sender runs its own pass in the middle of the first one's line.
    const limiter = new RateLimiter({
      now: () => w.deps.now().getTime(),
      sleep: async (ms) => {
        w.deps.clock.advance(ms);
        if (!stepped && w.deps.clock.now().getTime() - start > 61_000) {
          stepped = true;
          await deliverOutbox(w.deps, second, { limit: 100, renderers: plain });
        }
      },
    });
    const first = createBot({ ...w.deps, token: '123:TEST', botInfo: testBotInfo, fetch: w.api.fetch as never, limiter });
    w.deps.clock.advance(100);
    const start = w.deps.now().getTime();
    await deliverOutbox(w.deps, first, { limit: 100, renderers: plain });
    for (let i = 0; i < 20 && (await pending()) > 0; i++) {
      w.deps.clock.advance(5_000);
      await deliverOutbox(w.deps, first, { limit: 100, renderers: plain });
    }
    expect(stepped).toBe(true);
    const numbers = cardNumbers();
    expect(numbers).toHaveLength(30);
    expect(new Set(numbers).size).toBe(30);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
  });
});
