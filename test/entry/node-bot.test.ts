import { describe, expect, it } from 'vitest';
import { createBot } from '../../bot/create-bot.js';
import { unlimited } from '../../bot/outbox/rate-limiter.js';
import { createAppDeps } from '../../src/app-deps.js';
import { ALLOWED_UPDATES } from '../../src/cli/telegram-webhook.js';
import { parseEnv } from '../../src/config.js';
import { startNodeBot } from '../../src/entry/node-bot.js';
import { nodeFonts } from '../../src/entry/node-fonts.js';
import { nodeResvgWasm } from '../../src/entry/node-resvg.js';
import { freshDb } from '../helpers/db.js';
import { FakeBotApi, testBotInfo } from '../helpers/telegram.js';

describe('Node entry: the bot in webhook mode', () => {
  it('registers the webhook through the CLI’s setTelegramWebhook: /telegram, the secret and allowed_updates', async () => {
    const h = await freshDb();
    const api = new FakeBotApi();
    const config = parseEnv({
      DATABASE_URL: ':memory:', TELEGRAM_BOT_TOKEN: '1:T', TELEGRAM_WEBHOOK_SECRET: 'hook-secret', PUBLIC_URL: 'https://crm.example.com/', LOG_LEVEL: 'silent',
    });
    const deps = createAppDeps({ db: h.db, config, fonts: nodeFonts, resvgWasm: nodeResvgWasm });
    const bot = createBot({ ...deps, token: '1:T', botInfo: testBotInfo, fetch: api.fetch as never, limiter: unlimited() });
    const lines: string[] = [];
    const running = await startNodeBot(deps, bot, (line) => lines.push(line));
    await running.stop();
    expect(api.sent('setWebhook')).toEqual([
      { url: 'https://crm.example.com/telegram', secret_token: 'hook-secret', allowed_updates: [...ALLOWED_UPDATES], drop_pending_updates: false },
    ]);
    expect(lines).toContain(`bot @${testBotInfo.username}: webhook https://crm.example.com/telegram`);
    h.close();
  });
});
