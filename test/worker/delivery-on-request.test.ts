import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { outbox, settings } from '../../db/schema/index.js';
import { TEAM_CHAT_SETTING_KEY } from '../../src/core/team-chat/bind-team-chat.js';
import { writeSetting } from '../../src/core/shared/settings-store.js';
import worker, { workerRuntime, type WorkerEnv } from '../../src/entry/worker.js';
import { countingD1 } from './counting-d1.js';
import { installFakeTelegram } from './fake-telegram.js';

/**
 * On Workers, what a request queued goes out from that request (ctx.waitUntil, after its answer),
 * as Node kicks its sender: a lead's card does not wait for the next cron tick. No scheduled()
 * call is made anywhere in this file.
 */
const TEAM_CHAT = -1009001;
const d1 = countingD1(env.DB);
const countedEnv = { ...(env as unknown as WorkerEnv), DB: d1.binding } as WorkerEnv;
const db = () => workerRuntime(countedEnv).deps.db;

let telegram: ReturnType<typeof installFakeTelegram>;
beforeAll(async () => {
  telegram = installFakeTelegram();
  // The owner bound the team chat from Telegram (stored in the database, no LEADS_CHAT_ID).
  await writeSetting({ db: db() }, TEAM_CHAT_SETTING_KEY, { chatId: TEAM_CHAT, title: 'Sales' }, new Date());
});
afterAll(async () => {
  await db().delete(settings).where(eq(settings.key, TEAM_CHAT_SETTING_KEY));
});
afterEach(() => expect(telegram.unknown.splice(0)).toEqual([]));

/** One invocation as the runtime makes it: the request, then whatever it left to waitUntil. */
async function invoke(request: Request): Promise<{ response: Response; queries: number }> {
  d1.reset();
  const ctx = createExecutionContext();
  const response = await worker.fetch(request, countedEnv, ctx);
  await waitOnExecutionContext(ctx);
  return { response, queries: d1.queries() };
}

const toTeamChat = (from: number) => telegram.slice(from).filter((c) => c.method === 'sendMessage' && c.body.chat_id === TEAM_CHAT && c.ok);

describe('delivery started by the request that queued it (Workers, D1)', () => {
  it('a form lead’s card reaches the team chat from the form post itself, with no cron tick', async () => {
    const before = telegram.length;
    const { response, queries } = await invoke(
      new Request('https://crm.example/hooks/form?token=worker-form-token', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ Имя: 'Вера', Телефон: '8 (916) 555-77-88' }).toString(),
      }),
    );
    expect(response.ok).toBe(true);
    const cards = toTeamChat(before);
    expect(cards).toHaveLength(1);
    expect(String(cards[0]!.body.text)).toContain('Вера');
    expect(JSON.stringify(cards[0]!.body.reply_markup)).toContain('callback_data');
    const rows = await db().select().from(outbox).where(eq(outbox.kind, 'lead_created'));
    expect(rows.map((r) => r.status)).toEqual(['sent']);
    // The intake and the delivery in one invocation, far inside D1's 1,000 queries.
    expect(queries).toBeLessThan(60);
  });

  it('a stranger’s /start through the bot webhook opens a lead whose card goes out from that update', async () => {
    const before = telegram.length;
    const { response } = await invoke(
      new Request('https://crm.example/telegram', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 'worker-webhook-secret' },
        body: JSON.stringify({
          update_id: 91001,
          message: {
            message_id: 1,
            date: 1795740000,
            chat: { id: 8801, type: 'private' },
            from: { id: 8801, is_bot: false, first_name: 'Глеб', language_code: 'ru' },
            text: '/start src_site',
            entities: [{ type: 'bot_command', offset: 0, length: 6 }],
          },
        }),
      }),
    );
    expect(response.status).toBe(200);
    // The team chat takes one message per 3 s: this card waits out the first one's turn, then goes.
    const cards = toTeamChat(before);
    expect(cards).toHaveLength(1);
    expect(String(cards[0]!.body.text)).toContain('Глеб');
  });

  it('a request that queued nothing starts no delivery: not one D1 query', async () => {
    const before = telegram.length;
    const { response, queries } = await invoke(new Request('https://crm.example/hooks/no-such-source', { method: 'POST', body: '{}' }));
    expect(response.status).toBe(404);
    expect(queries).toBe(0);
    expect(telegram.length).toBe(before);
  });
});
