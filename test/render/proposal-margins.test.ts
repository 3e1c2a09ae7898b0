import { getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { nodeFonts } from '../../src/entry/node-fonts.js';
import { renderProposalPdf, type ProposalDocument } from '../../src/render/proposal-pdf.js';

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
  currency: 'RUB',
  note: null,
  manager: null,
};

describe('proposal PDF: every glyph inside the page margins', () => {
  it('long product names, big amounts and many items stay between the margins', async () => {
    const runs = await textRuns(await renderProposalPdf(worst, await nodeFonts()));
    expect(runs.length).toBeGreaterThan(100);
    const outside = runs.filter((r) => r.left < MARGIN - 0.5 || r.right > A4.width - MARGIN + 0.5);
    expect(outside.map((r) => `${r.page}: "${r.str}" ${r.left.toFixed(1)}–${r.right.toFixed(1)}`)).toEqual([]);
  });

  it('the ordinary proposal keeps its Amount column inside the right margin', async () => {
    const doc: ProposalDocument = { ...worst, items: worst.items.slice(2, 4).map((i) => ({ ...i, price: 15_000_000, total: 15_000_000, quantity: 1 })), total: 30_000_000 };
    const runs = await textRuns(await renderProposalPdf(doc, await nodeFonts()));
    expect(Math.max(...runs.map((r) => r.right))).toBeLessThanOrEqual(A4.width - MARGIN + 0.5);
  });
});
