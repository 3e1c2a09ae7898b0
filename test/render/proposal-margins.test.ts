import { getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { nodeFonts } from '../../src/entry/node-fonts.js';
import { vatTotals, type VatSetting } from '../../src/core/proposals/vat.js';
import { renderProposalPdf, type ProposalDocument } from '../../src/render/proposal-pdf.js';
import { pdfText } from '../helpers/pdf-text.js';

const MARGIN = 48;
const A4 = { width: 595.28, height: 841.89 };

/** Every text run the PDF draws, with its left and right edge in points (pdf.js text content). */
async function textRuns(bytes: Uint8Array): Promise<{ str: string; left: number; right: number; page: number }[]> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const runs: { str: string; left: number; right: number; page: number }[] = [];
  for (let p = 1; p <= pdf.numPages; p++) {
    const content = await (await pdf.getPage(p)).getTextContent();
    for (const item of content.items) {
      if (!('str' in item) || item.str.trim() === '') continue;
      const left = item.transform[4] as number;
      runs.push({ str: item.str, left, right: left + item.width, page: p });
    }
  }
  return runs;
}

const outsideMargins = (runs: Awaited<ReturnType<typeof textRuns>>) =>
  runs.filter((r) => r.left < MARGIN - 0.5 || r.right > A4.width - MARGIN + 0.5).map((r) => `${r.page}: "${r.str}" ${r.left.toFixed(1)}–${r.right.toFixed(1)}`);

/** The document's VAT fields as makeProposal fills them, from the core's computation. */
function withVat(doc: ProposalDocument, setting: VatSetting): ProposalDocument {
  const sums = vatTotals(doc.total, setting);
  const vat = sums.vat === null ? { mode: 'none' as const } : { mode: setting.mode as 'included' | 'on_top', rate: sums.rate, amount: sums.vat };
  return { ...doc, vat, payable: sums.payable };
}

const worst: ProposalDocument = {
  language: 'ru',
  timeZone: 'Europe/Moscow',
  number: '42/1',
  date: new Date('2026-12-02T10:00:00Z'),
  validUntil: new Date('2026-12-16T10:00:00Z'),
  subject: 'Оснащение офиса',
  seller: { name: 'ООО «Пиксель»', lines: ['ИНН: 7700000000'] },
  client: { name: 'ООО «Ромашка»', lines: ['Тел.: +7 999 123-45-67'] },
  items: Array.from({ length: 60 }, (_, i) => ({
    name:
      i % 3 === 0
        ? 'Сервер стоечный двухпроцессорный с резервированными блоками питания, 2×Intel Xeon Gold, 512 ГБ ОЗУ, 8×3,84 ТБ NVMe, установка и пусконаладка'
        : i % 3 === 1
          ? 'Сверхдлинноеназваниетоварабезединогопробеламеждусловамикотороенепереноситсяпословам'
          : 'Лицензия',
    quantity: 1000 + i,
    unit: 'шт.',
    price: 99_999_999_999,
    total: 99_999_999_999 * (1000 + i),
  })),
  total: 99_999_999_999 * 60_000,
  vat: { mode: 'none' },
  payable: 99_999_999_999 * 60_000,
  currency: 'RUB',
  note: null,
  manager: null,
};

const ordinary: ProposalDocument = { ...worst, items: worst.items.slice(2, 4).map((i) => ({ ...i, price: 12_000_000, total: 12_000_000, quantity: 1 })), total: 24_000_000, payable: 24_000_000 };

/** Each VAT mode with the rate a Russian seller uses, and the totals lines a client reads (RU and EN). */
const MODES: { setting: VatSetting; ru: string[]; en: string[] }[] = [
  { setting: { mode: 'none', rate: 22 }, ru: ['Итого: 240 000,00 ₽', 'НДС не облагается'], en: ['Total: RUB 240,000.00', 'VAT not applicable'] },
  { setting: { mode: 'included', rate: 22 }, ru: ['Итого: 240 000,00 ₽', 'в т.ч. НДС 22%: 43 278,69 ₽'], en: ['Total: RUB 240,000.00', 'incl. VAT 22%: RUB 43,278.69'] },
  {
    setting: { mode: 'on_top', rate: 22 },
    ru: ['Итого: 240 000,00 ₽', 'НДС 22%: 52 800,00 ₽', 'Итого с НДС: 292 800,00 ₽'],
    en: ['Total: RUB 240,000.00', 'VAT 22%: RUB 52,800.00', 'Total incl. VAT: RUB 292,800.00'],
  },
];

describe('proposal PDF: every glyph inside the page margins', () => {
  it('long product names, big amounts and many items stay between the margins', async () => {
    const runs = await textRuns(await renderProposalPdf(worst, await nodeFonts()));
    expect(runs.length).toBeGreaterThan(100);
    expect(outsideMargins(runs)).toEqual([]);
  });

  it('the ordinary proposal keeps its Amount column inside the right margin', async () => {
    const runs = await textRuns(await renderProposalPdf(ordinary, await nodeFonts()));
    expect(Math.max(...runs.map((r) => r.right))).toBeLessThanOrEqual(A4.width - MARGIN + 0.5);
  });

  for (const { setting, ru, en } of MODES) {
    it(`VAT ${setting.mode}: the totals lines print in Russian and English, every glyph inside the margins`, async () => {
      const fonts = await nodeFonts();
      for (const [language, lines] of [['ru', ru], ['en', en]] as const) {
        const bytes = await renderProposalPdf(withVat({ ...ordinary, language }, setting), fonts);
        const text = await pdfText(bytes);
        for (const line of lines) expect(text, `${language} ${setting.mode}`).toContain(line);
        expect(outsideMargins(await textRuns(bytes))).toEqual([]);
      }
      // The widest sums the columns must hold: VAT of a 6·10¹⁵-kopeck total, 60 long lines over pages.
      const huge = await renderProposalPdf(withVat(worst, { ...setting, rate: 99.99 }), fonts);
      expect(outsideMargins(await textRuns(huge))).toEqual([]);
    });
  }
});
