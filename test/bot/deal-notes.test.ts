import { beforeEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { deals, history } from '../../db/schema/index.js';
import { dcb } from '../../bot/deal-callback-data.js';
import { ru } from '../../bot/locales/ru.js';
import { addDealNote } from '../../src/core/deals/add-deal-note.js';
import { memberByTelegram, memberActor } from '../../src/core/team/member-by-telegram.js';
import { useBotWorld } from '../helpers/bot-world.js';
import { dealBotWorld } from '../helpers/deal-bot.js';
import { buttonLabels, callbackUpdate, tgUser, type FakeMessage } from '../helpers/telegram.js';

const olga = tgUser(1301, 'Olga');
const anna = tgUser(1302, 'Anna');
const boris = tgUser(1303, 'Boris');

describe('bot: notes and history on deals', () => {
  const w = useBotWorld({ owner: olga, managers: [anna, boris] }, dealBotWorld);
  let dealId: string;
  /** Anna's deal card, as the bot left it in her chat after converting. */
  let card: FakeMessage;
  beforeEach(async () => {
    await w.convertNewLead(anna, { name: 'Иван Петров' });
    card = w.api.last(anna.id);
    dealId = (await w.h.db.select().from(deals))[0]!.id;
    w.taps.set(anna.id, 0);
  });

  const notes = () =>
    w.h.db.select().from(history).where(and(eq(history.entityType, 'deal'), eq(history.entityId, dealId), eq(history.action, 'note')));

  it('a text reply to the deal card becomes a deal note with its history line, confirmed to the member', async () => {
    expect(buttonLabels(card)).toEqual(expect.arrayContaining([ru.dealButtons.note, ru.dealButtons.history]));
    await w.send(anna, '  Просят разбить счёт на два  ', { replyTo: card });
    expect(w.api.last(anna.id).text).toBe(ru.deal.noteSaved({ number: 1 }));
    const [line] = await notes();
    expect(line).toMatchObject({ actorKind: 'member', actorLabel: 'Anna', actorId: await w.memberId(anna), changes: { text: 'Просят разбить счёт на два' } });
    // Once redrawn (History, then Back), the card shows the note among its last events.
    await w.tap(anna, ru.dealButtons.deal, await openHistory());
    expect(card.text).toContain(ru.history.note({ text: 'Просят разбить счёт на два' }));
  });

  it('Note then text: one tap, and the offer goes stale after half an hour', async () => {
    await w.tap(anna, ru.dealButtons.note, card);
    expect(w.taps.get(anna.id)).toBe(1);
    expect(w.api.last(anna.id).text).toBe(ru.deal.noteAsk({ number: 1 }));
    await w.send(anna, 'Бухгалтер на больничном до пятницы');
    expect(w.api.last(anna.id).text).toBe(ru.deal.noteSaved({ number: 1 }));
    expect((await notes()).map((n) => n.changes)).toEqual([{ text: 'Бухгалтер на больничном до пятницы' }]);
    // Answered: the next text is nobody's note.
    await w.send(anna, 'ещё текст');
    expect(w.api.last(anna.id).text).toBe(ru.unknownInput);

    await w.tap(anna, ru.dealButtons.note, card);
    w.deps.clock.advance(31 * 60_000);
    await w.send(anna, 'Купить хлеба');
    expect(w.api.last(anna.id).text).toBe(ru.unknownInput);
    expect(await notes()).toHaveLength(1);
  });

  it('a reply to the /deals list is no deal note (a link to a deal is not its card)', async () => {
    await w.send(anna, '/deals');
    await w.send(anna, 'к списку', { replyTo: w.api.last(anna.id) });
    expect(w.api.last(anna.id).text).toBe(ru.unknownInput);
    expect(await notes()).toHaveLength(0);
  });

  it('closed deals keep Note and History; right after a loss a reply to the card is the loss note', async () => {
    await w.tap(anna, /^dl:/, card);
    await w.tap(anna, /^dlr:.*:price$/, card);
    expect(buttonLabels(card)).toEqual(expect.arrayContaining([ru.dealButtons.note, ru.dealButtons.history]));
    await w.send(anna, 'Нашли дешевле', { replyTo: card });
    expect(w.api.last(anna.id).text).toContain(ru.deal.lostNoteSaved);
    expect((await w.h.db.select().from(deals))[0]).toMatchObject({ stage: 'lost', lostNote: 'Нашли дешевле' });
    expect(await notes()).toHaveLength(0);

    // Later replies and the Note button add plain notes to the lost deal.
    const lostCard = w.api.last(anna.id);
    await w.send(anna, 'Вернутся весной', { replyTo: lostCard });
    expect(w.api.last(anna.id).text).toBe(ru.deal.noteSaved({ number: 1 }));
    await w.tap(anna, ru.dealButtons.note, lostCard);
    await w.send(anna, 'Напомнить в марте');
    expect((await notes()).map((n) => (n.changes as { text: string }).text).sort()).toEqual(['Вернутся весной', 'Напомнить в марте']);
  });

  it('a manager cannot note a colleague’s deal through a forged button or a forged card', async () => {
    const forged: FakeMessage = { message_id: 99_001, chatId: boris.id, text: 'x', via: 'sendMessage', reply_markup: { inline_keyboard: [[{ text: 'Note', callback_data: dcb.note(dealId) }]] } };
    w.api.messages.push(forged);
    await w.bot.handleUpdate(callbackUpdate(boris, forged, dcb.note(dealId)));
    expect(w.api.toasts().at(-1)).toBe(ru.deal.forbidden);
    await w.send(boris, 'Теперь моя сделка');
    expect(w.api.last(boris.id).text).toBe(ru.unknownInput);

    await w.send(boris, 'Теперь моя сделка', { replyTo: forged });
    expect(w.api.last(boris.id).text).toBe(ru.deal.forbidden);
    expect(await notes()).toHaveLength(0);
    expect(w.api.chat(boris.id).map((m) => m.text).join('\n')).not.toContain('Иван');

    // The owner sees every deal, so the same reply from her is a note.
    const ownersCard = { ...forged, chatId: olga.id, message_id: 99_002 };
    w.api.messages.push(ownersCard);
    await w.send(olga, 'Проверила договор', { replyTo: ownersCard });
    expect(w.api.last(olga.id).text).toBe(ru.deal.noteSaved({ number: 1 }));
  });

  it('History pages through the whole timeline, ten lines a page, and Back edits the card in place', async () => {
    const member = (await memberByTelegram(w.deps, anna.id))!;
    const ctx = w.deps.core(memberActor(member));
    for (let i = 1; i <= 12; i++) {
      w.deps.clock.advance(60_000);
      await addDealNote(ctx, dealId, `заметка ${i}`);
    }
    const total = (await w.h.db.select().from(history).where(and(eq(history.entityType, 'deal'), eq(history.entityId, dealId)))).length;
    const pages = Math.ceil(total / 10);
    const before = w.api.chat(anna.id).length;

    const page = await openHistory();
    expect(page.text).toContain(ru.deal.historyTitle({ number: 1, page: 1, pages }));
    expect(page.text).toContain(ru.history.note({ text: 'заметка 12' }));
    expect(page.text).not.toContain(ru.history.note({ text: 'заметка 2' }));
    await w.tap(anna, ru.buttons.next, page);
    expect(page.text).toContain(ru.deal.historyTitle({ number: 1, page: 2, pages }));
    expect(page.text).toContain(ru.history.note({ text: 'заметка 2' }));
    expect(page.text).toContain(ru.history.createdOf.deal);
    expect(buttonLabels(page)).not.toContain(ru.buttons.next);
    await w.tap(anna, ru.buttons.prev, page);
    expect(page.text).toContain(ru.deal.historyTitle({ number: 1, page: 1, pages }));

    await w.tap(anna, ru.dealButtons.deal, page);
    expect(page.text).toContain('Сделка #1');
    expect(w.api.chat(anna.id)).toHaveLength(before);
  });

  async function openHistory(): Promise<FakeMessage> {
    await w.tap(anna, ru.dealButtons.history, card);
    return card;
  }
});
