import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { Fonts } from './fonts.js';
import { formatDate, formatMoney, formatPercent, formatQuantity, type DocLanguage } from './format.js';
import { drawable, wrapText } from './pdf-text.js';
import { PROPOSAL_LABELS } from './proposal-labels.js';

export interface ProposalParty {
  name: string;
  lines: string[];
}

export interface ProposalDocument {
  language: DocLanguage;
  timeZone: string;
  number: string;
  date: Date;
  validUntil: Date;
  subject: string;
  seller: ProposalParty;
  client: ProposalParty;
  items: { name: string; quantity: number; unit: string | null; price: number; total: number }[];
  /** The line items added up. */
  total: number;
  /** The VAT line(s) under the total, amounts from src/core/proposals/vat.ts. */
  vat: ProposalVat;
  /** What the client pays: the total, plus the VAT when it is charged on top. */
  payable: number;
  currency: string;
  note: string | null;
  manager: { name: string; lines: string[] } | null;
}

export type ProposalVat = { mode: 'none' } | { mode: 'included' | 'on_top'; rate: number; amount: number };

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 48;
const GREY = rgb(0.4, 0.4, 0.4);
const LINE = rgb(0.8, 0.8, 0.8);
/** Table columns: x offsets from the margin and right edges for numbers. */
const COLUMN_GAP = 12;

/**
 * Table columns measured from their widest text with the font, so every cell lies inside the margins:
 * left edges for the number and the name, right edges for quantity, price and amount (the amount's
 * right edge is the right margin). The name gets what is left and wraps within it.
 */
function columns(
  w: Writer,
  doc: ProposalDocument,
  L: Record<string, string>,
  qtyOf: (item: ProposalDocument['items'][number]) => string,
  money: (minor: number) => string,
) {
  const widest = (texts: [string, boolean][]) => Math.max(...texts.map(([t, bold]) => (bold ? w.bold : w.regular).widthOfTextAtSize(drawable(w.regular, t), 10)));
  const content = A4[0] - 2 * MARGIN;
  const indexW = widest([[L.index!, true], [String(doc.items.length), false]]);
  const sums = totalLines(doc, L, money).flatMap(([, amount, bold]): [string, boolean][] => (amount === null ? [] : [[amount, bold]]));
  const totalW = widest([[L.total!, true], ...sums, ...doc.items.map((i): [string, boolean] => [money(i.total), false])]);
  const priceW = widest([[L.price!, true], [`${L.grandTotal}:`, true], ...doc.items.map((i): [string, boolean] => [money(i.price), false])]);
  const qtyW = widest([[L.quantity!, true], ...doc.items.map((i): [string, boolean] => [qtyOf(i), false])]);
  const total = content;
  const price = total - totalW - COLUMN_GAP;
  const qty = price - priceW - COLUMN_GAP;
  const name = indexW + COLUMN_GAP;
  return { index: 0, name, qty, price, total, nameWidth: Math.max(60, qty - qtyW - COLUMN_GAP - name) };
}

/**
 * Renders the commercial proposal with the embedded Roboto (Cyrillic and Latin), pdf-lib only,
 * so it runs the same on Node and on Workers. Returns the PDF bytes.
 */
export async function renderProposalPdf(doc: ProposalDocument, fonts: Fonts): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const regular = await pdf.embedFont(fonts.regular, { subset: true });
  const bold = await pdf.embedFont(fonts.bold, { subset: true });
  pdf.setTitle(`${PROPOSAL_LABELS[doc.language].title} ${doc.number}`);
  pdf.setCreator('telegram-sales-crm');
  pdf.setCreationDate(doc.date);
  const w = new Writer(pdf, regular, bold);
  drawBody(w, doc);
  return pdf.save();
}

function drawBody(w: Writer, doc: ProposalDocument): void {
  const L = PROPOSAL_LABELS[doc.language];
  const date = (d: Date) => formatDate(d, doc.language, doc.timeZone);
  const money = (m: number) => formatMoney(m, doc.currency, doc.language);
  w.text(L.title!, { size: 18, bold: true });
  // "№ 42/1 от 02.12.2026": how a Russian document states its number and date, on one line.
  w.text(`${L.number} ${doc.number} ${L.dated} ${date(doc.date)}`, { size: 12, bold: true });
  w.gap(14);
  w.party(L.seller!, doc.seller);
  w.party(L.client!, doc.client);
  w.text(`${L.subject}: ${doc.subject}`, { size: 10 });
  w.gap(10);

  const qtyOf = (item: ProposalDocument['items'][number]) => `${formatQuantity(item.quantity, doc.language)}${item.unit ? ` ${item.unit}` : ''}`;
  const col = columns(w, doc, L, qtyOf, money);
  w.row([[L.index!, col.index], [L.item!, col.name], [L.quantity!, col.qty, 'right'], [L.price!, col.price, 'right'], [L.total!, col.total, 'right']], true);
  w.rule();
  doc.items.forEach((item, i) => {
    const nameLines = wrapText(w.regular, item.name, 10, col.nameWidth);
    w.row([[String(i + 1), col.index], [nameLines[0]!, col.name], [qtyOf(item), col.qty, 'right'], [money(item.price), col.price, 'right'], [money(item.total), col.total, 'right']]);
    for (const more of nameLines.slice(1)) w.row([[more, col.name]]);
  });
  w.rule();
  for (const [label, amount, bold] of totalLines(doc, L, money)) {
    // A line without a sum ("НДС не облагается") ends at the right margin, under the amounts.
    w.row(amount === null ? [[label, col.total, 'right']] : [[label, col.price, 'right'], [amount, col.total, 'right']], bold);
  }
  w.gap(12);
  if (doc.note) w.paragraph(doc.note, 10);
  w.text(`${L.validUntil} ${date(doc.validUntil)}`, { size: 10 });
  if (doc.manager) {
    w.gap(16);
    w.text(`${L.manager}: ${doc.manager.name}`, { size: 10, bold: true });
    for (const line of doc.manager.lines) w.text(line, { size: 10 });
  }
}

/**
 * The totals block as Russian proposals print it, label and sum per line:
 * no VAT — "Итого: X", "НДС не облагается"; included — "Итого: X", "в т.ч. НДС 22%: V";
 * on top — "Итого: X", "НДС 22%: V", "Итого с НДС: X + V".
 */
function totalLines(doc: ProposalDocument, L: Record<string, string>, money: (minor: number) => string): [label: string, amount: string | null, bold: boolean][] {
  const lines: [string, string | null, boolean][] = [[`${L.grandTotal}:`, money(doc.total), true]];
  const { vat } = doc;
  if (vat.mode === 'none') return [...lines, [L.noVat!, null, false]];
  const rate = formatPercent(vat.rate, doc.language);
  if (vat.mode === 'included') return [...lines, [`${L.vatIncluded} ${rate}:`, money(vat.amount), false]];
  return [...lines, [`${L.vat} ${rate}:`, money(vat.amount), false], [`${L.totalWithVat}:`, money(doc.payable), true]];
}

type Cell = [text: string, x: number, align?: 'left' | 'right'];

/** A top-down cursor over pages: text, rows and rules, with a new page when the current one is full. */
class Writer {
  private page: PDFPage;
  private y: number;
  private readonly right = A4[0] - MARGIN;

  constructor(
    private readonly pdf: PDFDocument,
    readonly regular: PDFFont,
    readonly bold: PDFFont,
  ) {
    this.page = pdf.addPage(A4);
    this.y = A4[1] - MARGIN;
  }

  text(value: string, opts: { size: number; bold?: boolean; color?: ReturnType<typeof rgb> }): void {
    const font = opts.bold ? this.bold : this.regular;
    for (const line of wrapText(font, value, opts.size, this.right - MARGIN)) {
      this.room(opts.size * 1.4);
      this.page.drawText(line, { x: MARGIN, y: this.y - opts.size, size: opts.size, font, color: opts.color ?? rgb(0, 0, 0) });
      this.y -= opts.size * 1.4;
    }
  }

  paragraph(value: string, size: number): void {
    this.text(value, { size });
    this.gap(4);
  }

  party(label: string, party: ProposalParty): void {
    this.text(label, { size: 9, color: GREY });
    this.text(party.name, { size: 11, bold: true });
    for (const line of party.lines) this.text(line, { size: 10 });
    this.gap(8);
  }

  row(cells: Cell[], bold = false): void {
    const size = 10;
    const font = bold ? this.bold : this.regular;
    this.room(size * 1.6);
    for (const [value, x, align] of cells) {
      const text = drawable(font, value);
      // A right-aligned cell's x is its right edge.
      const at = align === 'right' ? MARGIN + x - font.widthOfTextAtSize(text, size) : MARGIN + x;
      this.page.drawText(text, { x: at, y: this.y - size, size, font });
    }
    this.y -= size * 1.6;
  }

  rule(): void {
    this.room(6);
    this.page.drawLine({ start: { x: MARGIN, y: this.y - 2 }, end: { x: this.right, y: this.y - 2 }, thickness: 0.5, color: LINE });
    this.y -= 6;
  }

  gap(points: number): void {
    this.y -= points;
  }

  private room(height: number): void {
    if (this.y - height >= MARGIN) return;
    this.page = this.pdf.addPage(A4);
    this.y = A4[1] - MARGIN;
  }
}
