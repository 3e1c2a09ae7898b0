import { describe, expect, it } from 'vitest';
import { unlimited } from '../../bot/outbox/rate-limiter.js';
import { ALLOWED_UPDATES } from '../../src/cli/telegram-webhook.js';
import { startNodeBot, superviseNodeBot } from '../../src/entry/node-bot.js';
import { members } from '../../db/schema/index.js';
import { addMember } from '../helpers/seed.js';
import { testBotInfo } from '../helpers/telegram.js';
import { wiredBot } from '../helpers/wired-bot.js';

describe('Node entry: the bot in webhook mode', () => {
  it('registers the webhook through the CLI’s setTelegramWebhook: /telegram, the secret and allowed_updates', async () => {
    const { h, api, deps, bot } = await wiredBot(
      { TELEGRAM_BOT_TOKEN: '1:T', TELEGRAM_WEBHOOK_SECRET: 'hook-secret', PUBLIC_URL: 'https://crm.example.com/' },
      { limiter: unlimited() },
    );
    const lines: string[] = [];
    const running = await startNodeBot(deps, bot, (line) => lines.push(line));
    await running.stop();
    expect(api.sent('setWebhook')).toEqual([
      { url: 'https://crm.example.com/telegram', secret_token: 'hook-secret', allowed_updates: [...ALLOWED_UPDATES], drop_pending_updates: false },
    ]);
    expect(lines).toContain(`bot @${testBotInfo.username}: webhook https://crm.example.com/telegram`);
    h.close();
  });

  it('sets the command menus on start: only /start by default, each active member’s by role in their chat', async () => {
    const { h, api, deps, bot } = await wiredBot({ TELEGRAM_BOT_TOKEN: '1:T', TELEGRAM_WEBHOOK_SECRET: 's' }, { limiter: unlimited() });
    await addMember(h.db, { role: 'manager', language: 'en', name: 'Mike' });
    await addMember(h.db, { role: 'owner', name: 'Olga' });
    await addMember(h.db, { role: 'head', name: 'Gone', active: false });
    const people = await h.db.select().from(members);
    const chat = (name: string) => people.find((m) => m.name === name)!.chatId;
    const running = await startNodeBot(deps, bot, () => undefined);
    await running.stop();
    expect(api.commands()?.map((c) => c.command)).toEqual(['start']);
    const mike = api.commands({ type: 'chat', chat_id: chat('Mike') });
    expect(mike?.map((c) => c.command)).toContain('leads');
    expect(mike?.map((c) => c.command)).not.toContain('settings');
    expect(api.commands({ type: 'chat', chat_id: chat('Olga') })?.map((c) => c.command)).toContain('settings');
    expect(api.sent('deleteMyCommands')).toEqual([{ scope: { type: 'chat', chat_id: chat('Gone') } }]);
    h.close();
  });

  it('says so in its state when another process long-polls the same bot (409), and keeps trying', async () => {
    const { h, api, deps, bot } = await wiredBot({ TELEGRAM_BOT_TOKEN: '1:T' }, { limiter: unlimited() });
    api.failWith = (method) =>
      method === 'getUpdates' ? { error_code: 409, description: 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running' } : undefined;
    const lines: string[] = [];
    const running = superviseNodeBot(deps, bot, { log: (line) => lines.push(line), backoff: { firstMs: 20, maxMs: 50 } });
    const deadline = Date.now() + 5_000;
    while (running.status.get().state !== 'conflict' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(running.status.get()).toMatchObject({ state: 'conflict', error: expect.stringContaining('another process is long-polling this bot') });
    while (api.calls.filter((c) => c.method === 'getUpdates').length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(api.calls.filter((c) => c.method === 'getUpdates').length).toBeGreaterThanOrEqual(2);
    // One log line for the state, not one per retry.
    expect(lines.filter((l) => l.includes('conflict'))).toHaveLength(1);
    await running.stop();
    h.close();
  });
});
