import { afterEach, describe, expect, it } from 'vitest';
import { ru } from '../../bot/locales/ru.js';
import { botWorld, TEAM_CHAT, type BotWorld, joinTeam } from '../helpers/bot-world.js';
import { callbackUpdate, tgUser } from '../helpers/telegram.js';

const owner = tgUser(1, 'Olga', 'ru');
const anna = tgUser(2, 'Anna', 'ru');
const LEAD = { name: 'Иван Петров', phone: '+7 916 555-44-33', email: 'ivan.petrov@example.com', comment: 'Нужен расчёт' };

/** What the team chat shows of a new lead: short cards by default, everything when the owner or the server says so. */
describe('team chat details: the owner’s /settings choice and TEAM_CHAT_DETAILS', () => {
  let w: BotWorld;
  afterEach(() => w.close());

  async function newCardText(): Promise<string> {
    await w.lead(LEAD);
    await w.deliver();
    return w.api.last(TEAM_CHAT).text;
  }

  it('the owner switches the team chat to full cards and back from /settings', async () => {
    w = await botWorld();
    await w.join(owner, 'owner');
    expect(await newCardText()).not.toContain('555-44-33');

    await w.send(owner, '/settings');
    await w.tap(owner, ru.teamChat.detailsButton({ mode: 'short' }));
    expect(w.api.last(owner.id).text).toContain(ru.teamChat.detailsSet({ mode: 'full' }));
    const full = await newCardText();
    for (const part of ['Иван Петров', 'ivan.petrov@example.com', 'Нужен расчёт']) expect(full).toContain(part);
    expect(full).toMatch(/\+7 ?916 ?555-?44-?33/);

    await w.tap(owner, ru.teamChat.detailsButton({ mode: 'full' }));
    expect(w.api.last(owner.id).text).toContain(ru.teamChat.detailsSet({ mode: 'short' }));
    const short = await newCardText();
    expect(short).not.toContain('ivan.petrov@example.com');
    expect(short).not.toMatch(/555-?44-?33/);
  });

  it('a manager pressing a forwarded details button is refused with an alert and nothing changes', async () => {
    w = await botWorld();
    await joinTeam(w, { owner, managers: [anna] });
    await w.send(owner, '/settings');
    const settingsMessage = w.api.last(owner.id);
    const update = callbackUpdate(anna, { ...settingsMessage, chatId: anna.id }, 'tcd:full');
    await w.bot.handleUpdate(update);
    expect(w.api.answersTo(update).map((a) => [a.payload.text, a.payload.show_alert])).toEqual([[ru.settings.ownerOnly, true]]);
    expect(await newCardText()).not.toContain('ivan.petrov@example.com');
  });

  it('TEAM_CHAT_DETAILS=full on the server shows full cards whatever /settings says', async () => {
    w = await botWorld({ TEAM_CHAT_DETAILS: 'full' });
    await w.join(owner, 'owner');
    const card = await newCardText();
    expect(card).toContain('ivan.petrov@example.com');
    expect(card).toContain('Иван Петров');
  });
});
