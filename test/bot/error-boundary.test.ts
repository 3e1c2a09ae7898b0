import { describe, expect, it } from 'vitest';
import { deals } from '../../db/schema/index.js';
import { en } from '../../bot/locales/en.js';
import { ru } from '../../bot/locales/ru.js';
import { useBotWorld } from '../helpers/bot-world.js';
import { dealBotWorld } from '../helpers/deal-bot.js';
import { callbackUpdate, tgUser } from '../helpers/telegram.js';

const olga = tgUser(801, 'Olga', 'ru');
const anna = tgUser(802, 'Anna', 'ru');
const mike = tgUser(803, 'Mike', 'en');

describe('bot: the error boundary reads each side’s buttons with its own parser', () => {
  const w = useBotWorld({ owner: olga, managers: [anna, mike] }, dealBotWorld);

  async function annasDeal(): Promise<string> {
    await w.convertNewLead(anna, { name: 'Иван Петров' });
    return (await w.h.db.select().from(deals))[0]!.id;
  }

  it('a button on an outdated deal card answers with the rule and the deal card as it is now', async () => {
    const dealId = await annasDeal();
    await w.tap(anna, /^dw:/);
    await w.tap(anna, /^dwy:/);
    const card = w.api.last(anna.id);
    const editsBefore = w.api.sent('editMessageText').length;
    // The card as it looked before "Won": its Stage button is still on the member's screen.
    await w.bot.handleUpdate(callbackUpdate(anna, card, `dss:${dealId}:negotiation`));
    expect(w.api.toasts().at(-1)).toBe(ru.rules.deal_closed);
    expect(w.api.sent('editMessageText').length).toBe(editsBefore + 1);
    expect(w.api.last(anna.id).text).toContain(ru.deal.title({ number: 1 }));
    expect(w.api.last(anna.id).text).toContain(ru.dealStages.won);
  });

  it('another manager’s deal button is refused as a deal, not as a lead', async () => {
    const dealId = await annasDeal();
    await w.send(mike, '/leads');
    await w.bot.handleUpdate(callbackUpdate(mike, w.api.last(mike.id), `ds:${dealId}`));
    expect(w.api.toasts().at(-1)).toBe(en.deal.forbidden);
  });

  it('a reply to a deal card is not filed as a note on the lead with the same number', async () => {
    await annasDeal();
    const dealCard = w.api.last(anna.id);
    await w.send(anna, 'перезвонить в пятницу', { replyTo: dealCard });
    expect(w.api.last(anna.id).text).not.toBe(ru.note.saved({ number: 1 }));
  });
});
