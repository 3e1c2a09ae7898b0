import { afterEach, describe, expect, it } from 'vitest';
import type { InlineKeyboardButton } from 'grammy/types';
import { registerMenuButton } from '../../bot/mini-app.js';
import { TEAM_CHAT } from '../helpers/bot-world.js';
import { dealBotWorld, type DealBotWorld } from '../helpers/deal-bot.js';
import { tgUser, type FakeMessage } from '../helpers/telegram.js';

const anna = tgUser(502, 'Anna');

const webAppButtons = (m: FakeMessage) =>
  (m.reply_markup?.inline_keyboard.flat() ?? []).filter((b): b is InlineKeyboardButton.WebAppButton => 'web_app' in b);

describe('bot: the Mini App from the chat', () => {
  let w: DealBotWorld;
  afterEach(() => w.close());

  async function world(env: Record<string, string>) {
    w = await dealBotWorld();
    Object.assign(w.deps.config, env);
    await w.join(anna, 'manager');
  }

  it('puts "Open board" on lead and deal cards in a private chat, opening that record', async () => {
    await world({ PUBLIC_URL: 'https://crm.example.com/' });
    const lead = await w.lead({ name: 'Иван Петров' });
    await w.deliver();
    // The team chat's card has no web_app button: Telegram refuses them outside private chats.
    expect(webAppButtons(w.api.last(TEAM_CHAT))).toEqual([]);
    await w.tap(anna, /^take:/, w.api.last(TEAM_CHAT));
    await w.send(anna, '/leads');
    await w.tap(anna, /./);
    const leadCard = w.api.last(anna.id);
    expect(webAppButtons(leadCard)).toEqual([
      { text: '📊 Открыть воронку', web_app: { url: `https://crm.example.com/app#lead/${lead.id}` } },
    ]);

    await w.tap(anna, /^cv:/, leadCard);
    await w.tap(anna, /^cvy:/);
    const dealCard = w.api.last(anna.id);
    expect(dealCard.text).toContain('Сделка #');
    expect(webAppButtons(dealCard)[0]?.web_app.url).toMatch(/^https:\/\/crm\.example\.com\/app#deal\//);
  });

  it('shows no Mini App button without an https PUBLIC_URL, and sets the menu button only with one', async () => {
    await world({ PUBLIC_URL: 'http://localhost:8787' });
    await w.lead({ name: 'Пётр' });
    await w.deliver();
    await w.tap(anna, /^take:/, w.api.last(TEAM_CHAT));
    await w.send(anna, '/leads');
    await w.tap(anna, /./);
    expect(webAppButtons(w.api.last(anna.id))).toEqual([]);

    expect(await registerMenuButton(w.bot.api, 'http://localhost:8787', 'ru')).toBe(false);
    expect(w.api.sent('setChatMenuButton')).toEqual([]);
    expect(await registerMenuButton(w.bot.api, 'https://crm.example.com', 'en')).toBe(true);
    expect(w.api.sent('setChatMenuButton')).toEqual([
      { menu_button: { type: 'web_app', text: 'Board', web_app: { url: 'https://crm.example.com/app' } } },
    ]);
  });
});
