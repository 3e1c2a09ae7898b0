import { beforeEach, describe, expect, it } from 'vitest';
import { deals } from '../../db/schema/index.js';
import { ru } from '../../bot/locales/ru.js';
import { useBotWorld } from '../helpers/bot-world.js';
import { dealBotWorld } from '../helpers/deal-bot.js';
import { tgUser } from '../helpers/telegram.js';

const olga = tgUser(1201, 'Olga', 'ru');
const anna = tgUser(1202, 'Anna', 'ru');

describe('bot: the optional note after a lost deal', () => {
  const w = useBotWorld({ owner: olga, managers: [anna] }, dealBotWorld);
  beforeEach(async () => {
    await w.convertNewLead(anna, { name: 'Иван Петров' });
    w.taps.set(anna.id, 0);
    await w.tap(anna, /^dl:/);
    await w.tap(anna, /^dlr:.*:competitor$/);
  });

  it('lost stays two taps; the next text is kept as the note and shown on the card', async () => {
    expect(w.taps.get(anna.id)).toBe(2);
    expect(w.api.last(anna.id).text).toContain(ru.deal.lostNoteOffer);
    await w.send(anna, 'Ушли к конкуренту из-за сроков');
    expect((await w.h.db.select().from(deals))[0]).toMatchObject({ stage: 'lost', lostReason: 'competitor', lostNote: 'Ушли к конкуренту из-за сроков' });
    const card = w.api.last(anna.id).text;
    expect(card).toContain(ru.deal.lostNoteSaved);
    expect(card).toContain(`${ru.lostReasons.competitor}: Ушли к конкуренту из-за сроков`);
    // Only the one message: the next text is nobody's note.
    await w.send(anna, 'ещё текст');
    expect(w.api.last(anna.id).text).toBe(ru.unknownInput);
  });

  it('the offer goes stale: text half an hour later is not filed as the note', async () => {
    w.deps.clock.advance(31 * 60_000);
    await w.send(anna, 'Купить хлеба');
    expect((await w.h.db.select().from(deals))[0]?.lostNote).toBeNull();
    expect(w.api.last(anna.id).text).toBe(ru.unknownInput);
  });
});
