import { Api } from 'grammy';
import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../src/config.js';
import { setTelegramWebhook, telegramStatus } from '../../src/cli/telegram-webhook.js';
import { FakeBotApi } from '../helpers/telegram.js';

describe('npm run crm -- telegram status', () => {
  const config = parseEnv({ TELEGRAM_BOT_TOKEN: '123:abc', TELEGRAM_WEBHOOK_SECRET: 'shh-secret' });

  it('shows the bot, the webhook Telegram has, pending updates, and says when the server does not answer', async () => {
    const fake = new FakeBotApi();
    const api = new Api('123:abc', { fetch: fake.fetch as never });
    await setTelegramWebhook(config, { url: 'https://crm.example.com', dropPending: false }, api);
    const status = await telegramStatus(config, api, 'http://127.0.0.1:9/health');
    expect(status).toMatchObject({
      webhook: 'https://crm.example.com/telegram',
      pendingUpdates: 0,
      server: 'no answer at http://127.0.0.1:9/health',
    });
    expect(status.bot).toMatch(/^@\w+ \(id \d+\)$/);
    expect(status.lastError).toBeUndefined();
  });
});
