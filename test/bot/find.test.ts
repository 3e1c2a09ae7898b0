import { describe, expect, it } from 'vitest';
import { ru } from '../../bot/locales/ru.js';
import { useBotWorld } from '../helpers/bot-world.js';
import { dealBotWorld } from '../helpers/deal-bot.js';
import { buttonLabels, tgUser } from '../helpers/telegram.js';

const olga = tgUser(901, 'Olga', 'ru');
const anna = tgUser(902, 'Anna', 'ru');
const boris = tgUser(903, 'Boris', 'ru');

describe('bot: /find shows contacts and companies after the leads', () => {
  const w = useBotWorld({ owner: olga, managers: [anna, boris] }, dealBotWorld);

  it('one lead opens its card, and the matching contact and company follow as buttons to their cards', async () => {
    await w.convertNewLead(anna, { name: 'Мария Иванова', companyName: 'ИП Иванова' });
    await w.send(anna, '/find иванова');
    const [card, more] = w.api.chat(anna.id).slice(-2);
    expect(card!.text).toContain(ru.card.title({ number: 1 }));
    expect(more!.text).toBe(ru.find.alsoContacts({ contacts: 1, companies: 1 }));
    expect(buttonLabels(more!)).toEqual([expect.stringContaining('👤 Мария Иванова'), '🏢 ИП Иванова']);
    await w.tap(anna, '👤', more);
    expect(w.api.last(anna.id).text).toContain(ru.contactCard.title);
    await w.tap(anna, '🏢', more);
    expect(w.api.last(anna.id).text).toContain('ИП Иванова');
  });

  it('several leads come as one list with the people and companies under them; nobody else’s contacts', async () => {
    await w.convertNewLead(anna, { name: 'Олег Смирнов', companyName: 'Смирнов и партнёры' });
    await w.lead({ name: 'Ольга Смирнова' });
    await w.send(olga, '/find смирнов');
    const list = w.api.last(olga.id);
    expect(list.text).toBe(ru.find.found({ leads: 2, contacts: 1, companies: 1 }));
    const labels = buttonLabels(list);
    expect(labels.findIndex((l) => l.startsWith('👤'))).toBeGreaterThan(labels.findIndex((l) => l.includes('#2')));
    expect(labels.at(-1)).toBe('🏢 Смирнов и партнёры');

    // Boris sees neither Anna's lead nor her client's contact: the pool lead alone opens as a card.
    await w.send(boris, '/find смирнов');
    expect(w.api.last(boris.id).text).toContain('Ольга Смирнова');
    expect(w.api.chat(boris.id).some((m) => m.text.includes('Олег'))).toBe(false);
  });
});
