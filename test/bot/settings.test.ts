import { describe, expect, it } from 'vitest';
import { history } from '../../db/schema/index.js';
import { en } from '../../bot/locales/en.js';
import { ru } from '../../bot/locales/ru.js';
import { getSellerDetails } from '../../src/core/proposals/seller-details.js';
import { useBotWorld } from '../helpers/bot-world.js';
import { dealBotWorld } from '../helpers/deal-bot.js';
import { pdfText } from '../helpers/pdf-text.js';
import { callbackUpdate, tgUser } from '../helpers/telegram.js';

const olga = tgUser(1001, 'Olga', 'ru');
const anna = tgUser(1002, 'Anna', 'ru');
const mike = tgUser(1003, 'Mike', 'en');

describe('bot: /settings, the seller on proposals', () => {
  const w = useBotWorld({ owner: olga, managers: [anna, mike] }, dealBotWorld);

  /** The owner seeds the example catalogue; Anna takes a lead, converts it and adds one product: the deal card is last in her chat. */
  async function annaOpensADealWithOneProduct(): Promise<void> {
    await w.send(olga, '/products');
    await w.tap(olga, /^prs$/);
    await w.convertNewLead(anna, { name: 'Иван Петров' });
    await w.tap(anna, /^di:/);
    await w.tap(anna, /^dia:/);
    await w.tap(anna, /^dc:/);
  }

  async function setField(label: string, value: string) {
    await w.tap(olga, label);
    await w.send(olga, value);
  }

  it('the owner types the details one field at a time, and the next proposal prints them', async () => {
    await w.send(olga, '/settings');
    expect(w.api.last(olga.id).text).toContain(`${ru.settings.fields.name}: Our company`);
    await setField(ru.settings.fields.name, 'Веб-студия «Пиксель»');
    expect(w.api.last(olga.id).text).toContain(ru.settings.saved({ field: ru.settings.fields.name }));
    await setField(ru.settings.fields.taxId, '7700000000');
    await setField(ru.settings.fields.address, 'Москва, ул. Ленина, 1');
    await setField(ru.settings.fields.phone, '+7 495 000-00-00');
    await setField(ru.settings.fields.email, 'hello@pixel.ru');
    await setField(ru.settings.fields.website, 'pixel.ru');
    await w.tap(olga, ru.settings.fields.proposalValidDays);
    await w.send(olga, 'две недели');
    expect(w.api.last(olga.id).text).toBe(ru.settings.badDays);
    await w.send(olga, '10');
    await setField(ru.settings.fields.address, '-');
    expect(await getSellerDetails(w.deps)).toEqual({
      name: 'Веб-студия «Пиксель»', taxId: '7700000000', phone: '+7 495 000-00-00', email: 'hello@pixel.ru', website: 'pixel.ru', proposalValidDays: 10,
    });
    expect((await w.h.db.select().from(history)).filter((h) => h.action === 'seller_details_changed')).toHaveLength(8);

    await annaOpensADealWithOneProduct();
    await w.tap(anna, /^dp:/);
    const text = await pdfText(w.uploads.at(-1)!.bytes);
    for (const s of ['Веб-студия «Пиксель»', 'ИНН: 7700000000', 'hello@pixel.ru', 'до 07.12.2026']) expect(text).toContain(s);
    expect(text).not.toContain('Our company');
  });

  it('the owner picks the VAT mode and rate with buttons and a typed percent, and the proposal totals print it', async () => {
    await annaOpensADealWithOneProduct();
    // After a proposal the deal card comes back: its Proposal button makes the next one.
    const proposalText = async () => {
      await w.tap(anna, /^dp:/);
      return pdfText(w.uploads.at(-1)!.bytes);
    };
    const noVat = await proposalText();
    for (const s of ['Итого: 30 000,00 ₽', 'НДС не облагается']) expect(noVat).toContain(s);

    await w.send(olga, '/settings');
    expect(w.api.last(olga.id).text).toContain('НДС: не облагается');
    await w.tap(olga, ru.settings.vat.buttons.included);
    expect(w.api.last(olga.id).text).toContain(ru.settings.vat.saved);
    expect(w.api.last(olga.id).text).toContain('НДС: включён в цены, 22%');
    await w.tap(olga, ru.settings.vat.rateButton({ rate: '22%' }));
    expect(w.api.last(olga.id).text).toBe(ru.settings.vat.askRate);
    for (const bad of ['0', '100', 'двадцать', '7,125']) {
      await w.send(olga, bad);
      expect(w.api.last(olga.id).text).toBe(ru.settings.vat.badRate);
    }
    await w.send(olga, '7,5 %');
    expect(w.api.last(olga.id).text).toContain('НДС: включён в цены, 7,5%');
    expect(w.api.last(olga.id).reply_markup?.inline_keyboard.flat().map((b) => b.text)).toContain(`✓ ${ru.settings.vat.buttons.included}`);
    // 30 000 ₽ × 7,5 / 107,5 = 2 093,023… ₽.
    const included = await proposalText();
    for (const s of ['Итого: 30 000,00 ₽', 'в т.ч. НДС 7,5%: 2 093,02 ₽']) expect(included).toContain(s);

    await w.tap(olga, ru.settings.vat.buttons.on_top);
    const onTop = await proposalText();
    for (const s of ['Итого: 30 000,00 ₽', 'НДС 7,5%: 2 250,00 ₽', 'Итого с НДС: 32 250,00 ₽']) expect(onTop).toContain(s);
    expect(w.uploads.at(-1)!.caption.replace(/[\u00A0\u202F]/g, ' ')).toContain('итого 32 250 ₽');
    const [sent] = (await w.h.db.select().from(history)).filter((h) => h.action === 'proposal_sent').slice(-1);
    expect(sent?.changes).toMatchObject({ total: 3_225_000, vat: { mode: 'on_top', rate: 7.5, amount: 225_000 } });

    // A forwarded VAT button does nothing for a manager.
    await w.bot.handleUpdate(callbackUpdate(mike, w.api.last(olga.id), 'svat:none'));
    expect(w.api.toasts().at(-1)).toBe(en.settings.ownerOnly);
  });

  it('a manager can neither open /settings nor use a forwarded field button', async () => {
    await w.send(mike, '/settings');
    expect(w.api.last(mike.id).text).toBe(en.settings.ownerOnly);
    await w.bot.handleUpdate(callbackUpdate(mike, w.api.last(mike.id), 'sset:name'));
    expect(w.api.toasts().at(-1)).toBe(en.settings.ownerOnly);
    await w.send(mike, 'Hacked Ltd');
    expect((await getSellerDetails(w.deps)).name).toBe('Our company');
  });
});
