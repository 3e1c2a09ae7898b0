import { describe, expect, it } from 'vitest';
import { nodeFonts } from '../../src/entry/node-fonts.js';
import { renderProposalPdf, type ProposalDocument } from '../../src/render/proposal-pdf.js';
import { pdfText } from '../helpers/pdf-text.js';

const base: ProposalDocument = {
  language: 'ru',
  timeZone: 'Europe/Moscow',
  number: '7/1',
  date: new Date('2026-11-27T10:00:00Z'),
  validUntil: new Date('2026-12-11T10:00:00Z'),
  subject: 'Сайт для «Ромашки»',
  seller: { name: 'Веб-студия «Пиксель»', lines: ['ИНН: 7700000000', 'Москва, ул. Тверская, 1'] },
  client: { name: 'ООО «Ромашка»', lines: ['Иван Петров', 'Тел.: +79991234567'] },
  items: [
    { name: 'Разработка сайта', quantity: 1, unit: null, price: 15_000_000, total: 15_000_000 },
    { name: 'SEO-продвижение, ежемесячно (Yandex & Google)', quantity: 3, unit: 'мес.', price: 3_000_000, total: 9_000_000 },
  ],
  total: 24_000_000,
  vat: { mode: 'none' },
  payable: 24_000_000,
  currency: 'RUB',
  note: 'Цены без НДС.',
  manager: { name: 'Анна Смирнова', lines: ['+79160000001', 'Telegram: @anna'] },
};

describe('renderProposalPdf', () => {
  it('writes Cyrillic and Latin text that a reader extracts back, with items, totals and dates', async () => {
    const bytes = await renderProposalPdf(base, await nodeFonts());
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
    const text = await pdfText(bytes);
    for (const expected of [
      'Коммерческое предложение',
      '№ 7/1 от 27.11.2026',
      'Веб-студия «Пиксель»',
      'ООО «Ромашка»',
      'Иван Петров',
      'Разработка сайта',
      'SEO-продвижение, ежемесячно (Yandex &',
      'Google)',
      '3 мес.',
      '150 000,00 ₽',
      '240 000,00 ₽',
      'Предложение действительно до 11.12.2026',
      'Анна Смирнова',
      'Telegram: @anna',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('continues on a new page when the items do not fit, and replaces glyphs the font lacks', async () => {
    const items = Array.from({ length: 80 }, (_, i) => ({ name: `Позиция ${i + 1} 🚀`, quantity: 1, unit: null, price: 100, total: 100 }));
    const bytes = await renderProposalPdf({ ...base, language: 'en', items, total: 8_000, payable: 8_000 }, await nodeFonts());
    const text = await pdfText(bytes);
    expect(text).toContain('Позиция 80 ?');
    expect(text).toContain('Commercial proposal');
    expect(text).toContain('No. 7/1 of 27 Nov 2026');
    expect(text).toMatch(/RUB\s?80\.00/);
  });
});
