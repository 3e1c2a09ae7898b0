import { Api } from 'grammy';
import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../src/config.js';
import { setTelegramWebhook, setWebhookAndMenus } from '../../src/cli/telegram-webhook.js';
import { members } from '../../db/schema/index.js';
import { freshDb } from '../helpers/db.js';
import { addMember } from '../helpers/seed.js';
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

  it('sets the command menus too: the public one, and each member’s by role when it can read the team', async () => {
    const h = await freshDb();
    await addMember(h.db, { role: 'manager', name: 'Anna' });
    await addMember(h.db, { role: 'head', name: 'Hanna' });
    const people = await h.db.select().from(members);
    const { api, fake } = recordingApi();
    const set = await setWebhookAndMenus(config, { url: 'https://crm.example.com', dropPending: false }, { api, db: h.db });
    expect(set).toEqual({ url: 'https://crm.example.com/telegram', memberMenus: 2, failed: [] });
    expect(fake.commands()?.map((c) => c.command)).toEqual(['start']);
    const menu = (name: string) => fake.commands({ type: 'chat', chat_id: people.find((m) => m.name === name)!.chatId })?.map((c) => c.command);
    expect(menu('Anna')).not.toContain('team');
    expect(menu('Hanna')).toContain('team');
    h.close();

    // A Workers deployment (D1, out of the CLI's reach): the public menu only, members' at the Worker's first update.
    const bare = recordingApi();
    expect(await setWebhookAndMenus(config, { url: 'https://crm.example.com', dropPending: false }, { api: bare.api })).toMatchObject({ memberMenus: null });
    expect(bare.fake.commands({ type: 'default' }, 'ru')?.map((c) => c.command)).toEqual(['start']);
  });
});
