import { afterEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { deals, history } from '../../db/schema/index.js';
import { en } from '../../bot/locales/en.js';
import { ru } from '../../bot/locales/ru.js';
import { joinTeam } from '../helpers/bot-world.js';
import { dealBotWorld, type DealBotWorld } from '../helpers/deal-bot.js';
import { pdfText } from '../helpers/pdf-text.js';
import { tgUser } from '../helpers/telegram.js';

const olga = tgUser(701, 'Olga', 'ru');
/** A manager whose Telegram speaks English, selling to clients who read Russian. */
const mike = tgUser(702, 'Mike', 'en');

describe('bot: the proposal speaks the deal’s language, not the manager’s', () => {
  let w: DealBotWorld;
  afterEach(() => w.close());

  async function dealOf(manager: typeof mike): Promise<string> {
    await w.send(olga, '/products');
    await w.tap(olga, /^prs$/);
    await w.convertNewLead(manager, { name: 'Иван Петров' });
    await w.tap(manager, /^di:/);
    await w.tap(manager, /^dia:/);
    await w.tap(manager, /^dc:/);
    const [deal] = await w.h.db.select().from(deals);
    return deal!.id;
  }

  it('starts in DEFAULT_LANGUAGE, switches from the card with a translated history line, and prints the proposal in it', async () => {
    w = await dealBotWorld();
    await joinTeam(w, { owner: olga, managers: [mike] });
    const dealId = await dealOf(mike);
    expect((await w.h.db.select().from(deals))[0]?.language).toBe('ru');

    // Mike's card is in English and says the proposal is in Russian.
    const card = w.api.last(mike.id);
    expect(card.text).toContain('Deal #1');
    const button = en.dealButtons.language({ code: 'RU' });
    expect(card.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toContain(button);

    await w.tap(mike, /^dp:/);
    const russian = await pdfText(w.uploads.at(-1)!.bytes);
    for (const s of ['Коммерческое предложение', '№ 1/1 от 27.11.2026', 'Итого']) expect(russian).toContain(s);
    expect(russian).not.toContain('Commercial proposal');
    expect(w.uploads.at(-1)!.caption).toContain('No. 1/1 (Russian)');

    await w.tap(mike, button);
    expect(w.api.toasts().at(-1)).toBe(en.deal.languageSet.en);
    const after = w.api.last(mike.id);
    expect(after.text).toContain(en.deal.languageSet.en);
    expect(after.text).toContain(en.history.actions.language_changed);
    expect(after.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toContain(en.dealButtons.language({ code: 'EN' }));
    const lines = await w.h.db.select().from(history).where(and(eq(history.entityId, dealId), eq(history.action, 'language_changed')));
    expect(lines.map((l) => l.changes)).toEqual([{ language: ['ru', 'en'] }]);

    // The same old button pressed again sets what is already set: nothing more is written.
    await w.tap(mike, button, card);
    expect(await w.h.db.select().from(history).where(and(eq(history.entityId, dealId), eq(history.action, 'language_changed')))).toHaveLength(1);

    await w.tap(mike, /^dh:/);
    expect(w.api.last(mike.id).text).toContain('language changed: Russian → English');
    await w.tap(mike, /^dc:/);
    await w.tap(mike, /^dp:/);
    const english = await pdfText(w.uploads.at(-1)!.bytes);
    for (const s of ['Commercial proposal', 'No. 1/2 of 27 Nov 2026', 'Total']) expect(english).toContain(s);
    expect(english).not.toContain('Коммерческое предложение');

    // The owner reads the same history line in Russian.
    await w.send(olga, '/deals');
    await w.tap(olga, /^dc:/);
    await w.tap(olga, /^dh:/);
    expect(w.api.last(olga.id).text).toContain(`${ru.history.actions.language_changed}: русский → английский`);
  });

  it('a deal converted under DEFAULT_LANGUAGE=en starts in English, whoever converts it', async () => {
    w = await dealBotWorld({ DEFAULT_LANGUAGE: 'en' });
    await joinTeam(w, { owner: olga, managers: [mike] });
    await dealOf(olga);
    expect((await w.h.db.select().from(deals))[0]?.language).toBe('en');
    expect(w.api.last(olga.id).reply_markup?.inline_keyboard.flat().map((b) => b.text)).toContain(ru.dealButtons.language({ code: 'EN' }));
    await w.tap(olga, /^dp:/);
    expect(await pdfText(w.uploads.at(-1)!.bytes)).toContain('No. 1/1 of 27 Nov 2026');
  });
});
