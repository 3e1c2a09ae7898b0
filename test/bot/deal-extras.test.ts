import { describe, expect, it } from 'vitest';
import { companies, contacts, deals, products } from '../../db/schema/index.js';
import { useBotWorld } from '../helpers/bot-world.js';
import { dealBotWorld } from '../helpers/deal-bot.js';
import { pdfText } from '../helpers/pdf-text.js';
import { tgUser } from '../helpers/telegram.js';

const olga = tgUser(601, 'Olga');
const anna = tgUser(602, 'Anna');
const plain = (s: string) => s.replace(/[\u00A0\u202F]/g, ' ');

describe('bot: catalogue edits, line items, lists and cards', () => {
  const w = useBotWorld({ owner: olga, managers: [anna] }, dealBotWorld);
  const lastText = (chatId: number) => plain(w.api.last(chatId).text);

  async function annasDeal(input: Record<string, string> = {}) {
    await w.convertNewLead(anna, { name: 'Мария Иванова', companyName: 'ИП Иванова', ...input });
  }

  it('lets the owner add a product and change its price by typing; a manager cannot open /products', async () => {
    await w.send(anna, '/products');
    expect(lastText(anna.id)).toContain('только владелец');
    await w.send(olga, '/products');
    await w.tap(olga, /^prn$/);
    await w.send(olga, 'Дизайн логотипа; 30 000; шт.');
    expect(w.api.chat(olga.id).map((m) => m.text).join('\n')).toContain('«Дизайн логотипа» добавлен');
    await w.tap(olga, 'Дизайн логотипа');
    await w.tap(olga, /^prp:/);
    await w.send(olga, '35000');
    const [logo] = await w.h.db.select().from(products);
    expect(logo).toMatchObject({ name: 'Дизайн логотипа', price: 3_500_000, unit: 'шт.' });
  });

  it('edits a line by typing quantity and price, prints the unit in the proposal, and lists deals with totals for the owner', async () => {
    await w.send(olga, '/products');
    await w.tap(olga, /^prs$/);
    await annasDeal();
    await w.tap(anna, /^di:/);
    await w.tap(anna, 'SEO-продвижение');
    await w.tap(anna, /^dit:/);
    await w.send(anna, '3 25000');
    expect(lastText(anna.id)).toContain('SEO-продвижение × 3 = 75 000 ₽');
    expect((await w.h.db.select().from(deals))[0]?.amount).toBe(7_500_000);
    await w.tap(anna, /^dp:/);
    expect(await pdfText(w.uploads.at(-1)!.bytes)).toContain('3 месяц');

    await w.send(olga, '/deals');
    const list = lastText(olga.id);
    expect(list).toContain('Открытых сделок: 1, на 75 000 ₽');
    expect(list).toContain('КП отправлено: 1 · 75 000 ₽');
    await w.tap(olga, /^dc:/);
    expect(lastText(olga.id)).toContain('Сделка #1');
  });

  it('opens the contact and company cards from the deal, and finds them with /contacts', async () => {
    await annasDeal();
    await w.tap(anna, /^ct:/);
    expect(lastText(anna.id)).toContain('Мария Иванова');
    expect(lastText(anna.id)).toContain('ИП Иванова');
    await w.tap(anna, /^co2:/);
    const company = w.api.last(anna.id);
    expect(plain(company.text)).toContain('ИП Иванова');
    expect(company.reply_markup?.inline_keyboard.flat().map((b) => b.text).join('|')).toMatch(/#1 .*В работе/);
    await w.send(anna, '/contacts иванова');
    expect(lastText(anna.id)).toContain('Контактов: 1, компаний: 1');
  });

  it('opens the card of a company with 120 people: the first 20 as buttons, and how many there are in all', async () => {
    await annasDeal();
    const [company] = await w.h.db.select().from(companies);
    await w.h.db.insert(contacts).values(
      Array.from({ length: 120 }, (_, i) => ({ id: `p${String(i).padStart(3, '0')}`, name: `Сотрудник ${i + 1}`, companyId: company!.id, createdAt: new Date(), updatedAt: new Date() })),
    );
    await w.tap(anna, /^ct:/);
    await w.tap(anna, /^co2:/);
    const card = w.api.last(anna.id);
    expect(plain(card.text)).toContain('ИП Иванова');
    expect(plain(card.text)).toContain('Люди: показаны 20 из 121');
    const buttons = card.reply_markup!.inline_keyboard.flat();
    expect(buttons.filter((b) => b.text.startsWith('👤'))).toHaveLength(20);
    expect(buttons.length).toBeLessThanOrEqual(100);
  });
});
