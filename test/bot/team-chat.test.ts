import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { leads } from '../../db/schema/index.js';
import { ru } from '../../bot/locales/ru.js';
import { createApp } from '../../src/app.js';
import { botWorld, TEAM_CHAT, type BotWorld, useBotWorld, joinTeam } from '../helpers/bot-world.js';
import { buttonLabels, callbackUpdate, findButton, testBotInfo, tgUser, type FakeMessage } from '../helpers/telegram.js';
import { runTeamChatBurst } from '../helpers/team-chat-burst.js';
import { botStatusUpdate, joinedUpdate } from '../helpers/team-chat-updates.js';

const owner = tgUser(1, 'Olga', 'ru');
const anna = tgUser(2, 'Anna', 'ru');
const boris = tgUser(3, 'Boris', 'ru');
const stranger = tgUser(99, 'Eve', 'ru');

const PHONE = '+7 916 555-44-33';
const EMAIL = 'ivan.petrov@example.com';
/** Contact details as they might appear anywhere in a card, normalised or as typed. */
const CONTACT_PARTS = ['+79165554433', '916 555-44-33', '5554433', EMAIL, '8 903 111 22 33', 'boss@client.ru', 'Петров'];

const groupMessages = (w: BotWorld) => w.api.chat(TEAM_CHAT);
const alerts = (w: BotWorld) => w.api.sent('answerCallbackQuery').filter((p) => p.show_alert === true).map((p) => p.text);

describe('the team chat shows only what it must', () => {
  const w = useBotWorld({ owner, managers: [anna, boris] });

  async function cardOf(input: Parameters<BotWorld['lead']>[0]): Promise<{ id: string; number: number; card: FakeMessage }> {
    const lead = await w.lead(input);
    await w.deliver();
    return { ...lead, card: w.api.last(TEAM_CHAT) };
  }

  it('the group card holds no phone or email, before or after Take; the taker gets them privately', async () => {
    const comment = `Перезвоните на 8 903 111 22 33 или пишите boss@client.ru, нужен расчёт`;
    const { number, card } = await cardOf({ name: 'Иван Петров', phone: PHONE, email: EMAIL, comment });
    for (const part of CONTACT_PARTS) expect(card.text).not.toContain(part);
    // What a colleague needs to choose: number, first name, channel, a masked excerpt, the wait.
    for (const part of [`#${number}`, 'Иван', ru.channels.site_form, 'нужен расчёт', ru.teamChat.waited({ minutes: 0 })]) expect(card.text).toContain(part);

    w.deps.clock.advance(4 * 60_000);
    await w.tap(anna, ru.buttons.take, card);
    const after = w.api.chat(TEAM_CHAT).find((m) => m.message_id === card.message_id)!;
    expect(after.text).toBe(`✅ ${ru.teamChat.takenBy({ number, name: 'Anna', minutes: 4 })}`);
    expect(after.reply_markup).toBeUndefined();
    for (const m of groupMessages(w)) for (const part of CONTACT_PARTS) expect(m.text).not.toContain(part);
    const privateCard = w.api.last(anna.id);
    expect(privateCard.text).toMatch(/\+7 ?916 ?555-?44-?33/);
    expect(privateCard.text).toContain(EMAIL);
    expect(privateCard.text).toContain('8 903 111 22 33');
  });

  it('a forged Take on another message changes nothing in that message and is refused once', async () => {
    const first = await cardOf({ name: 'Первый' });
    const second = await cardOf({ name: 'Второй', phone: PHONE, email: EMAIL });
    const before = { text: first.card.text, markup: JSON.stringify(first.card.reply_markup) };
    const edits = () => w.api.calls.filter((c) => c.method.startsWith('editMessage')).length;

    // Anna presses "take:<second lead>" on the first card's message.
    await w.bot.handleUpdate(callbackUpdate(anna, first.card, `take:${second.id}`));
    expect(edits()).toBe(0);
    const now = groupMessages(w).find((m) => m.message_id === first.card.message_id)!;
    expect(now.text).toBe(before.text);
    expect(JSON.stringify(now.reply_markup)).toBe(before.markup);
    expect(alerts(w)).toEqual([ru.teamChat.notThisCard]);
    expect(w.api.sent('answerCallbackQuery')).toHaveLength(1);
    const [row] = await w.h.db.select().from(leads).where(eq(leads.id, second.id));
    expect(row?.assigneeId).toBeNull();

    // Other lead buttons forged onto a group message (a card, history) are refused the same way.
    await w.bot.handleUpdate(callbackUpdate(anna, first.card, `card:${second.id}`));
    expect(edits()).toBe(0);
    for (const m of groupMessages(w)) for (const part of CONTACT_PARTS) expect(m.text).not.toContain(part);
  });

  it('/invite and /find in a group post nothing but a pointer to the private chat', async () => {
    await cardOf({ name: 'Иван Петров', phone: PHONE, email: EMAIL });
    const before = groupMessages(w).length;
    await w.send(owner, '/invite', { chatId: TEAM_CHAT });
    await w.send(anna, '/find Иван', { chatId: TEAM_CHAT });
    await w.send(anna, '/pool', { chatId: TEAM_CHAT });
    const posted = groupMessages(w).slice(before);
    expect(posted).toHaveLength(3);
    const deepLink = `https://t.me/${testBotInfo.username}?start=help`;
    for (const m of posted) {
      expect(m.text).toBe(ru.teamChat.usePrivate({ url: deepLink }));
      expect(m.reply_markup?.inline_keyboard.flat()).toEqual([{ text: ru.teamChat.openPrivate, url: deepLink }]);
    }
    // No invite keyboard anywhere, no join link made, no record shown.
    expect(w.api.calls.filter((c) => c.method === 'sendMessage' && c.payload.chat_id !== TEAM_CHAT && /start=|#1/.test(String(c.payload.text))).length).toBe(0);
    // The deep link opens help in the private chat.
    await w.send(anna, '/start help');
    expect(w.api.last(anna.id).text).toContain(ru.help.title);
  });

  it('/pool takes a quiet lead (an imported one, with no card) in one tap from the list', async () => {
    const quiet = await w.lead({ name: 'Тихий Клиент', phone: PHONE, intakeSource: 'csv', channel: 'cold_call' });
    // Imported bases arrive without a card each: drop the announcement the helper queued, as the CSV import does.
    await w.h.db.run(`DELETE FROM outbox`);
    await w.deliver();
    expect(groupMessages(w)).toHaveLength(0);

    await w.send(anna, '/pool');
    const list = w.api.last(anna.id);
    expect(list.text).toContain(ru.poolList.title({ total: 1 }));
    w.taps.clear();
    await w.tap(anna, ru.teamChat.takeNumber({ number: quiet.number }), list);
    expect(w.taps.get(anna.id)).toBe(1);
    const [row] = await w.h.db.select().from(leads).where(eq(leads.id, quiet.id));
    expect(row?.assigneeId).toBe(await w.memberId(anna));
    // The list became the lead's full card, with the work buttons.
    expect(w.api.last(anna.id).text).toMatch(/\+7 ?916 ?555-?44-?33/);
    expect(buttonLabels(w.api.last(anna.id))).toContain(ru.buttons.call);
    await w.send(boris, '/pool');
    expect(w.api.last(boris.id).text).toBe(ru.poolList.empty);
  });
});

describe('bursts', () => {
  it('50 leads in a minute all get a Take button in the team chat within the group limit', async () => {
    const burst = await runTeamChatBurst({ count: 50, windowMs: 60_000 });
    const w = burst.world;
    try {
      const buttons = groupMessages(w).flatMap((m) => m.reply_markup?.inline_keyboard.flat() ?? []);
      const offered = new Set(buttons.map((b) => ('callback_data' in b ? b.callback_data : '')));
      for (const id of burst.leadIds) expect(offered).toContain(`take:${id}`);
      expect(burst.leadIds).toHaveLength(50);
      expect(burst.missing).toBe(0);
      // Never refused by the group limit: the bot paced itself and merged the burst into list cards.
      expect(burst.refused).toBe(0);
      expect(burst.groupMessages).toBeLessThan(25);

      // A list card loses only the pressed lead's button.
      const list = groupMessages(w).find((m) => (m.reply_markup?.inline_keyboard.length ?? 0) > 1)!;
      const rows = list.reply_markup!.inline_keyboard.length;
      await w.bot.handleUpdate(callbackUpdate(anna, list, findButton(list, /^take:/).callback_data));
      const after = groupMessages(w).find((m) => m.message_id === list.message_id)!;
      expect(after.reply_markup!.inline_keyboard.length).toBe(rows - 1);
      expect(after.text).toMatch(/✅ Лид #\d+ взял\(а\) Anna/);
    } finally {
      w.close();
    }
  });
});

describe('membership follows the team', () => {
  const w = useBotWorld({ owner, managers: [anna] });

  async function deactivate(user: typeof anna) {
    await w.send(owner, '/team');
    await w.tap(owner, user.first_name);
    await w.tap(owner, ru.team.deactivate);
    await w.tap(owner, ru.team.yes);
  }

  it('deactivation removes the member from the team chat when the bot is an admin there (ban, then unban)', async () => {
    w.api.botIsAdmin(TEAM_CHAT, true);
    await w.bot.handleUpdate(botStatusUpdate(TEAM_CHAT, owner, 'member', 'admin'));
    await deactivate(anna);
    expect(w.api.banned.get(TEAM_CHAT)?.has(anna.id)).toBe(false);
    expect(w.api.sent('banChatMember')).toMatchObject([{ chat_id: TEAM_CHAT, user_id: anna.id }]);
    expect(w.api.sent('unbanChatMember')).toMatchObject([{ chat_id: TEAM_CHAT, user_id: anna.id, only_if_banned: true }]);
    expect(w.api.last(owner.id).text).toContain(ru.teamChat.removedFromChat({ name: 'Anna' }));
  });

  it('when the bot may not remove anyone there, the owner is told to do it', async () => {
    await w.bot.handleUpdate(botStatusUpdate(TEAM_CHAT, owner, 'admin', 'member'));
    await deactivate(anna);
    expect(w.api.sent('banChatMember')).toHaveLength(0);
    expect(w.api.last(owner.id).text).toContain(ru.teamChat.alerts.remove_by_hand({ name: 'Anna' }));
  });

  it('a stranger joining the team chat is reported to the owner; a member joining is not', async () => {
    await w.bot.handleUpdate(joinedUpdate(TEAM_CHAT, anna));
    await w.bot.handleUpdate(joinedUpdate(TEAM_CHAT, stranger));
    await w.bot.handleUpdate(joinedUpdate(-100999, tgUser(98, 'Other', 'ru')));
    await w.deliver();
    const toOwner = w.api.chat(owner.id).map((m) => m.text);
    expect(toOwner.filter((t) => t.includes('⚠️'))).toEqual([ru.teamChat.alerts.stranger_joined({ name: 'Eve (@eve)' })]);
  });

  it('the bot removed from the team chat, or muted, is reported to the owner and shown in /health', async () => {
    const app = createApp(w.deps);
    await w.bot.handleUpdate(botStatusUpdate(TEAM_CHAT, owner, 'member', 'admin'));
    expect(await (await app.request('/health')).json()).toMatchObject({ teamChat: { chatId: TEAM_CHAT, from: 'env', state: 'ok', canRemoveMembers: true } });
    await w.bot.handleUpdate(botStatusUpdate(TEAM_CHAT, stranger, 'admin', 'muted'));
    expect(await (await app.request('/health')).json()).toMatchObject({ teamChat: { state: 'cannot_post' } });
    await w.bot.handleUpdate(botStatusUpdate(TEAM_CHAT, stranger, 'muted', 'kicked'));
    expect(await (await app.request('/health')).json()).toMatchObject({ teamChat: { state: 'removed' } });
    await w.deliver();
    const toOwner = w.api.chat(owner.id).map((m) => m.text);
    expect(toOwner).toContain(ru.teamChat.alerts.cannot_post);
    expect(toOwner).toContain(ru.teamChat.alerts.bot_removed);
  });
});

describe('binding the team chat from Telegram', () => {
  const GROUP = -100777;

  it('the owner adds the bot to a group and confirms there: new leads go to that chat', async () => {
    const w = await botWorld({ LEADS_CHAT_ID: '' });
    try {
      await joinTeam(w, { owner, managers: [anna] });
      // No team chat yet: a new lead has nowhere to be announced.
      expect(await (await createApp(w.deps).request('/health')).json()).toMatchObject({ teamChat: { chatId: null, from: 'none' } });

      await w.bot.handleUpdate(botStatusUpdate(GROUP, owner, 'left', 'member'));
      const ask = w.api.last(GROUP);
      expect(ask.text).toBe(ru.teamChat.bindAsk({ title: 'Sales team' }));
      // Only the owner's press counts.
      await w.tap(anna, ru.teamChat.bindConfirm, ask);
      expect(alerts(w)).toEqual([ru.teamChat.bindOwnerOnly]);
      await w.tap(owner, ru.teamChat.bindConfirm, ask);
      expect(w.api.last(GROUP).text).toContain(ru.teamChat.bindDone({ title: 'Sales' }));
      expect(await (await createApp(w.deps).request('/health')).json()).toMatchObject({ teamChat: { chatId: GROUP, from: 'bound', state: 'ok' } });

      const lead = await w.lead({ name: 'Новый Клиент' });
      await w.deliver();
      const card = w.api.last(GROUP);
      expect(card.text).toContain(`#${lead.number}`);
      await w.tap(anna, ru.buttons.take, card);
      expect(w.api.last(GROUP).text).toContain(ru.teamChat.takenBy({ number: lead.number, name: 'Anna', minutes: 0 }));
    } finally {
      w.close();
    }
  });

  it('/bindchat in a group asks the same; LEADS_CHAT_ID stays an override', async () => {
    const w = await botWorld();
    try {
      await w.join(owner, 'owner');
      await w.send(owner, '/bindchat', { chatId: GROUP });
      await w.tap(owner, ru.teamChat.bindConfirm, w.api.last(GROUP));
      expect(w.api.last(GROUP).text).toContain(ru.teamChat.bindOverridden);
      await w.lead();
      await w.deliver();
      expect(w.api.chat(TEAM_CHAT)).toHaveLength(1);
      expect(w.api.chat(GROUP).filter((m) => m.text.includes(ru.notify.newLead))).toHaveLength(0);
    } finally {
      w.close();
    }
  });
});
