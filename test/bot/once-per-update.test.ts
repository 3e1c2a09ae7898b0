import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { history, telegramUpdates } from '../../db/schema/index.js';
import { createApp } from '../../src/app.js';
import { TEAM_CHAT, useBotWorld } from '../helpers/bot-world.js';
import { callbackUpdate, findButton, textUpdate, tgUser } from '../helpers/telegram.js';
import { wiredBot } from '../helpers/wired-bot.js';
import { ru } from '../../bot/locales/ru.js';

const owner = tgUser(1, 'Olga', 'ru');
const anna = tgUser(2, 'Anna', 'ru');

describe('each Telegram update is handled at most once', () => {
  const w = useBotWorld({ owner, managers: [anna] });

  it('a redelivered Take (bot.handleUpdate, as polling does) takes the lead and answers once', async () => {
    const lead = await w.lead();
    await w.deliver();
    const card = w.api.last(TEAM_CHAT);
    const update = callbackUpdate(anna, card, findButton(card, ru.buttons.take).callback_data);
    const toastsBefore = w.api.sent('answerCallbackQuery').length;
    await w.bot.handleUpdate(update);
    const sentAfterFirst = w.api.calls.length;
    await w.bot.handleUpdate(structuredClone(update));

    expect(w.api.calls.length).toBe(sentAfterFirst);
    expect(w.api.sent('answerCallbackQuery').length).toBe(toastsBefore + 1);
    const takes = await w.h.db.select().from(history).where(and(eq(history.entityId, lead.id), eq(history.action, 'taken')));
    expect(takes).toHaveLength(1);
  });
});

describe('POST /telegram: a redelivered webhook update', () => {
  it('is answered 200 both times and replies once', async () => {
    const { h, api, deps, bot } = await wiredBot({ TELEGRAM_BOT_TOKEN: '1:T', TELEGRAM_WEBHOOK_SECRET: 'hook-secret' });
    const app = createApp(deps, { bot });
    const body = JSON.stringify(textUpdate(tgUser(5, 'Eve', 'en'), '/leads'));
    const post = () =>
      app.request('/telegram', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': 'hook-secret' },
        body,
      });
    expect((await post()).status).toBe(200);
    expect((await post()).status).toBe(200);
    expect(api.sent('sendMessage').map((p) => p.chat_id)).toEqual([5]);
    expect(await h.db.select().from(telegramUpdates)).toHaveLength(1);
    h.close();
  });
});
