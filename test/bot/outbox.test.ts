import { describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { leads, outbox } from '../../db/schema/index.js';
import { createBot } from '../../bot/create-bot.js';
import { deliverOutbox } from '../../bot/outbox/deliver.js';
import { RateLimiter, unlimited } from '../../bot/outbox/rate-limiter.js';
import { startOutboxRunner } from '../../bot/outbox/runner.js';
import { ru } from '../../bot/locales/ru.js';
import { createApp } from '../../src/app.js';
import { botWorld, TEAM_CHAT, type BotWorld, useBotWorld } from '../helpers/bot-world.js';
import { testBotInfo, tgUser, textUpdate } from '../helpers/telegram.js';
import { wiredBot } from '../helpers/wired-bot.js';

/** Lead numbers announced in the team chat, in order: a single card names one, a list card several. */
function announced(w: BotWorld): number[] {
  return w.api
    .sent('sendMessage')
    .filter((p) => p.chat_id === TEAM_CHAT)
    .flatMap((p) => [...String(p.text).matchAll(/#(\d+)/g)].map((m) => Number(m[1])));
}

describe('outbox delivery', () => {
  const w = useBotWorld({}, () => botWorld({ FORM_TOKEN: 'form-secret' }));

  it('a lead posted to /hooks/form reaches the team chat as a card', async () => {
    const app = createApp(w.deps);
    const res = await app.request('/hooks/form?token=form-secret', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Анна Смирнова', phone: '8 916 555-44-33', utm_source: 'google' }),
    });
    expect(res.status).toBe(201);
    const number = (await w.h.db.select({ number: leads.number }).from(leads))[0]!.number;
    expect(await w.deliver()).toMatchObject({ sent: 1 });
    const card = w.api.last(TEAM_CHAT);
    expect(card.text).toContain(ru.card.title({ number }));
    // The group sees who and from where, not how to reach them: the phone goes to the taker only.
    expect(card.text).toContain('Анна');
    expect(card.text).not.toContain('555-44-33');
    expect(card.text).not.toContain('+79165554433');
    const [row] = await w.h.db.select().from(outbox);
    expect(row).toMatchObject({ status: 'sent', telegramMessageId: card.message_id, attempts: 1 });
  });

  it('survives 429 (retry_after) and then 500s and network errors, delivering every message exactly once', async () => {
    const count = 12;
    for (let i = 0; i < count; i++) await w.lead();
    let calls = 0;
    // First call: 429 with retry_after 5; the next six: 500 or a dropped connection; then healthy.
    w.api.failWith = (method) => {
      if (method !== 'sendMessage') return undefined;
      calls++;
      if (calls === 1) return { error_code: 429, description: 'Too Many Requests: retry after 5', parameters: { retry_after: 5 } };
      if (calls <= 7) return calls % 2 === 0 ? { error_code: 500, description: 'Internal Server Error' } : 'network';
      return undefined;
    };
    const first = await w.deliver();
    expect(first.sent).toBe(0);
    expect(first.retried).toBe(count);
    const [limited] = await w.h.db.select().from(outbox).orderBy(outbox.createdAt).limit(1);
    expect(limited?.lastError).toContain('429');
    // Nothing is due before retry_after has passed.
    w.deps.clock.advance(4_000);
    expect(await w.deliver()).toMatchObject({ claimed: 0 });

    for (let round = 0; round < 30; round++) {
      w.deps.clock.advance(60_000);
      await w.deliver();
      const pending = await w.h.db.select().from(outbox).where(eq(outbox.status, 'pending'));
      if (pending.length === 0) break;
    }
    const rows = await w.h.db.select().from(outbox);
    expect(rows.every((r) => r.status === 'sent' && r.telegramMessageId !== null)).toBe(true);
    // Cards due together leave as list cards: every lead is announced exactly once.
    const numbers = announced(w);
    expect(numbers).toHaveLength(count);
    expect(new Set(numbers).size).toBe(count);
    expect(w.api.calls.filter((c) => c.method === 'sendMessage' && !c.ok).length).toBe(7);
  });

  it('a permanent error (bot removed from the chat) is kept as failed, not retried', async () => {
    await w.lead();
    w.api.failWith = () => ({ error_code: 403, description: 'Forbidden: bot was kicked from the supergroup chat' });
    expect(await w.deliver()).toMatchObject({ failed: 1 });
    const [row] = await w.h.db.select().from(outbox);
    expect(row).toMatchObject({ status: 'failed' });
    expect(row?.lastError).toContain('kicked');
    w.deps.clock.advance(3600_000);
    expect(await w.deliver()).toMatchObject({ claimed: 0 });
  });

  it('two senders draining at once never send the same row twice', async () => {
    for (let i = 0; i < 20; i++) await w.lead();
    const second = createBot({ ...w.deps, token: '123:TEST', botInfo: testBotInfo, fetch: w.api.fetch as never, limiter: unlimited() });
    // All twenty cards go to the team chat, whose messages leave in order: one sender drains the
    // line at a time, so the four keep going until it is empty.
    let sent = 0;
    for (let round = 0; round < 10 && sent < 20; round++) {
      const reports = await Promise.all([
        deliverOutbox(w.deps, w.bot, { limit: 7 }),
        deliverOutbox(w.deps, second, { limit: 7 }),
        deliverOutbox(w.deps, w.bot, { limit: 7 }),
        deliverOutbox(w.deps, second, { limit: 7 }),
      ]);
      sent += reports.reduce((n, r) => n + r.sent, 0);
    }
    expect(sent).toBe(20);
    const numbers = announced(w);
    expect(numbers).toHaveLength(20);
    expect(new Set(numbers).size).toBe(20);
  });

  it('kinds without a renderer wait instead of being dropped', async () => {
    const now = w.deps.now();
    await w.h.db.insert(outbox).values({ id: 'x1', kind: 'future_kind', payload: {}, nextAttemptAt: now, createdAt: now });
    expect(await w.deliver()).toMatchObject({ retried: 1 });
    const [row] = await w.h.db.select().from(outbox);
    expect(row).toMatchObject({ status: 'pending', lastError: 'no renderer for kind future_kind' });
  });
});

describe('rate limits', () => {
  it('spaces messages to one private chat by a second, a group by 3 s, and everything to 30/s', async () => {
    let now = 0;
    const waits: number[] = [];
    const limiter = new RateLimiter({ now: () => now, sleep: async (ms) => void waits.push(ms) });
    await limiter.wait(1);
    await limiter.wait(1);
    await limiter.wait(-5);
    await limiter.wait(-5);
    // The clock stands still here, so each wait is the full distance to its slot.
    expect(waits.map(Math.round)).toEqual([1000, 1033, 4033]);
    limiter.block(7, 5000);
    expect(limiter.blockedMs(7)).toBe(5000);
    now += 5000;
    expect(limiter.blockedMs(7)).toBe(0);
    const fresh = new RateLimiter({ now: () => now, sleep: async () => {} });
    const delays: number[] = [];
    for (let chat = 100; chat < 160; chat++) delays.push(await fresh.wait(chat));
    // 60 different chats: the 60th waits about 2 s.
    expect(Math.round(delays.at(-1)!)).toBe(Math.round((59 * 1000) / 30));
    now += 10_000;
    expect(await fresh.wait(100)).toBe(0);
  });
});

describe('Node wiring', () => {
  it('a fresh intake is delivered through kick(), without waiting for the poll', async () => {
    let kick = () => {};
    const { h, api, deps, bot } = await wiredBot({ LEADS_CHAT_ID: String(TEAM_CHAT), FORM_TOKEN: 't' }, { limiter: unlimited(), onOutbox: () => kick() });
    const runner = startOutboxRunner(deps, bot, { intervalMs: 60_000 });
    kick = runner.kick;
    await runner.idle();
    expect(api.chat(TEAM_CHAT)).toHaveLength(0);
    const res = await createApp(deps).request('/hooks/form?token=t', { method: 'POST', body: new URLSearchParams({ phone: '+79161112233' }) });
    expect(res.status).toBe(201);
    // The next poll is a minute away, far past this wait and the test's own timeout: a card
    // arriving at all was sent by the kick. No clock reading, so a slow machine cannot fail it.
    await vi.waitFor(() => expect(api.chat(TEAM_CHAT)).toHaveLength(1), { timeout: 4_000, interval: 10 });
    await runner.idle();
    expect(api.sent('sendMessage')).toHaveLength(1);
    await runner.stop();
    h.close();
  });

  it('POST /telegram takes updates only with the secret token header', async () => {
    const { h, api, deps, bot } = await wiredBot({ TELEGRAM_BOT_TOKEN: '1:T', TELEGRAM_WEBHOOK_SECRET: 'hook-secret' });
    const app = createApp(deps, { bot });
    const update = JSON.stringify(textUpdate(tgUser(5, 'Eve', 'en'), '/leads'));
    const post = (headers: Record<string, string>) => app.request('/telegram', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: update });
    expect((await post({})).status).toBe(401);
    expect((await post({ 'X-Telegram-Bot-Api-Secret-Token': 'wrong' })).status).toBe(401);
    expect(api.calls).toHaveLength(0);
    expect((await post({ 'X-Telegram-Bot-Api-Secret-Token': 'hook-secret' })).status).toBe(200);
    expect(api.sent('sendMessage').map((p) => p.chat_id)).toEqual([5]);
    h.close();
  });
});
