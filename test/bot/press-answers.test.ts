import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { leads } from '../../db/schema/index.js';
import { ru } from '../../bot/locales/ru.js';
import { TEAM_CHAT, useBotWorld } from '../helpers/bot-world.js';
import { buttonLabels, callbackUpdate, findButton, tgUser, type FakeMessage } from '../helpers/telegram.js';

const owner = tgUser(1101, 'Olga', 'ru');
const anna = tgUser(1102, 'Anna', 'ru');
const mike = tgUser(1103, 'Mike', 'ru');

/** A message as it looked at that moment: presses on it carry what the person saw then, whatever it shows now. */
const snapshot = (m: FakeMessage): FakeMessage => structuredClone(m);

/**
 * Telegram shows only the first answer to a button press; a second answerCallbackQuery is refused
 * ("query is too old"), so a refusal sent as a second answer is never seen. Each press here must
 * get exactly one answer: an alert saying why nothing happened, then the card as it is now.
 */
describe('a refusal is the press’s own answer, once', () => {
  const w = useBotWorld({ owner, managers: [anna, mike] });

  /** Presses `data` on `message` (as it looked then) and returns the single answer Telegram accepted. */
  async function press(user: typeof anna, message: FakeMessage, data: string) {
    const update = callbackUpdate(user, message, data);
    await w.bot.handleUpdate(update);
    const answers = w.api.answersTo(update);
    expect(
      answers.map((a) => ({ ok: a.ok, error: a.error?.description })),
      'answers to this press',
    ).toEqual([{ ok: true, error: undefined }]);
    return answers[0]!.payload;
  }

  it('Take on a team-chat card somebody else took first: an alert naming the taker, and the card shows who took it', async () => {
    await w.lead({ name: 'Иван Петров' });
    await w.deliver();
    const card = w.api.last(TEAM_CHAT);
    const asMikeSawIt = snapshot(card);
    const take = findButton(card, ru.buttons.take).callback_data;
    await w.tap(anna, ru.buttons.take, card);

    const answer = await press(mike, asMikeSawIt, take);
    expect(answer).toMatchObject({ show_alert: true, text: ru.take.takenByOther({ name: 'Anna' }) });
    expect(card.text).toContain('Anna');
    expect(buttonLabels(card)).not.toContain(ru.buttons.take);
  });

  it('Take in the /pool list after a colleague took it: an alert, and the stale button goes away', async () => {
    const lead = await w.lead({ name: 'Пётр' });
    await w.send(mike, '/pool');
    const list = w.api.last(mike.id);
    const take = findButton(list, /^take:/).callback_data;
    await w.deliver();
    await w.tap(anna, ru.buttons.take, w.api.last(TEAM_CHAT));

    const answer = await press(mike, snapshot(list), take);
    expect(answer).toMatchObject({ show_alert: true, text: ru.take.takenByOther({ name: 'Anna' }) });
    expect(list.reply_markup).toBeUndefined();
    const [row] = await w.h.db.select().from(leads).where(eq(leads.id, lead.id));
    expect(row?.assigneeId).toBe(await w.memberId(anna));
  });

  it('a button on an outdated card of a lead junked meanwhile: an alert that it changed, and the card as it is now', async () => {
    await w.lead({ name: 'Сергей' });
    await w.deliver();
    await w.tap(anna, ru.buttons.take, w.api.last(TEAM_CHAT));
    const oldCard = w.api.last(anna.id);
    const asSeenThen = snapshot(oldCard);
    // The same lead junked from a newer copy of its card.
    await w.send(anna, '/find #1');
    await w.tap(anna, /^junk:/);
    await w.tap(anna, /^jr:.*:spam$/);

    const answer = await press(anna, asSeenThen, findButton(asSeenThen, /^call:/).callback_data);
    expect(answer).toMatchObject({ show_alert: true, text: ru.errorChanged });
    // The old card was re-rendered in place: it no longer offers the Call button.
    expect(buttonLabels(oldCard)).not.toContain(ru.buttons.call);
  });

  it('a forged Take for a lead the card does not carry: an alert, and the card is left exactly as it was', async () => {
    const first = await w.lead({ name: 'Первый' });
    await w.deliver();
    const firstCard = w.api.last(TEAM_CHAT);
    const second = await w.lead({ name: 'Второй' });
    await w.deliver();
    const before = snapshot(firstCard);
    expect(firstCard.text).not.toContain('Второй');

    const answer = await press(mike, firstCard, `take:${second.id}`);
    expect(answer).toMatchObject({ show_alert: true, text: ru.teamChat.notThisCard });
    expect(firstCard).toEqual(before);
    const rows = await w.h.db.select().from(leads);
    expect(rows.map((r) => [r.id, r.assigneeId])).toEqual(
      expect.arrayContaining([
        [first.id, null],
        [second.id, null],
      ]),
    );
  });

  it("a forged button for a colleague's lead in a private chat: an alert that another manager has it, nothing changed", async () => {
    const lead = await w.lead({ name: 'Анна-клиент' });
    await w.deliver();
    await w.tap(anna, ru.buttons.take, w.api.last(TEAM_CHAT));
    await w.send(mike, '/leads');
    const mikes = w.api.last(mike.id);

    const answer = await press(mike, mikes, `ss:${lead.id}:in_progress`);
    expect(answer).toMatchObject({ show_alert: true, text: ru.errorForbidden });
    const [row] = await w.h.db.select().from(leads).where(eq(leads.id, lead.id));
    expect(row?.status).toBe('assigned');
  });
});
