import { Api } from 'grammy';
import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../src/config.js';
import { setTelegramWebhook } from '../../src/cli/telegram-webhook.js';
import { FakeBotApi } from '../helpers/telegram.js';

/** grammY's real Api client against the strict fake Bot API. */
function recordingApi() {
  const fake = new FakeBotApi();
  const calls = () => fake.calls.map((c) => ({ method: c.method, body: c.payload }));
  return { api: new Api('123:abc', { fetch: fake.fetch as never }), fake, calls };
}

describe('npm run crm -- telegram set-webhook', () => {
  const config = parseEnv({ TELEGRAM_BOT_TOKEN: '123:abc', TELEGRAM_WEBHOOK_SECRET: 'shh-secret' });

  it('points Telegram at <url>/telegram with the secret token and keeps pending updates by default', async () => {
    const { api, calls } = recordingApi();
    const target = await setTelegramWebhook(config, { url: 'https://crm.example.com', dropPending: false }, api);
    expect(target).toBe('https://crm.example.com/telegram');
    expect(calls()).toHaveLength(1);
    expect(calls()[0]).toMatchObject({
      method: 'setWebhook',
      body: { url: 'https://crm.example.com/telegram', secret_token: 'shh-secret', drop_pending_updates: false },
    });
    expect(calls()[0]?.body.allowed_updates).toEqual([
      'message', 'callback_query', 'my_chat_member', 'chat_member',
      'business_connection', 'business_message', 'edited_business_message', 'deleted_business_messages',
    ]);
  });

  it('drops pending updates only when asked, and refuses plain http or a missing secret', async () => {
    const { api, calls } = recordingApi();
    await setTelegramWebhook(config, { url: 'https://crm.example.com/telegram', dropPending: true }, api);
    expect(calls()[0]?.body).toMatchObject({ url: 'https://crm.example.com/telegram', drop_pending_updates: true });
    await expect(setTelegramWebhook(config, { url: 'http://crm.example.com', dropPending: false }, api)).rejects.toThrow(/https/);
    const noSecret = parseEnv({ TELEGRAM_BOT_TOKEN: '123:abc' });
    await expect(setTelegramWebhook(noSecret, { url: 'https://x.example', dropPending: false }, api)).rejects.toThrow(
      /TELEGRAM_WEBHOOK_SECRET/,
    );
  });
});
