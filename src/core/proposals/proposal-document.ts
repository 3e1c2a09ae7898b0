import type { Language } from '../../../db/enums.js';
import type { ProposalDocument } from '../../render/proposal-pdf.js';
import type { DealCard } from '../deals/get-deal-card.js';
import { formatPhone } from '../shared/phone.js';
import type { SellerDetails } from './seller-details.js';
import { vatTotals, type VatSetting } from './vat.js';

const DAY_MS = 86_400_000;

/** Maps the deal card and settings to what the PDF prints; no database here, so it is easy to read and test. */
export function proposalDocument(opts: {
  card: DealCard;
  seller: SellerDetails;
  vat: VatSetting;
  manager: { name: string; phone: string | null; username: string | null } | null;
  number: string;
  now: Date;
  language: Language;
  timeZone: string;
}): ProposalDocument {
  const { card, seller, manager } = opts;
  const ru = opts.language === 'ru';
  const contactName = card.contact?.name ?? null;
  const clientName = card.company?.name ?? contactName ?? card.deal.title;
  const clientLines = compact([
    card.company && contactName ? contactName : null,
    // Stored E.164; the client reads it grouped as their country writes it (+7 916 555-44-33).
    card.contact?.phone ? `${ru ? 'Тел.' : 'Phone'}: ${formatPhone(card.contact.phone)}` : null,
    card.contact?.email ? `E-mail: ${card.contact.email}` : null,
  ]);
  const sellerLines = compact([
    seller.legalName ?? null,
    seller.taxId ? `${ru ? 'ИНН' : 'Tax ID'}: ${seller.taxId}` : null,
    seller.address ?? null,
    compact([seller.phone, seller.email, seller.website]).join(' · ') || null,
  ]);
  // The proposal states what the lines add up to: a hand-set deal amount is a forecast, not a price.
  const sums = vatTotals(card.itemsTotal, opts.vat);
  return {
    language: opts.language,
    timeZone: opts.timeZone,
    number: opts.number,
    date: opts.now,
    validUntil: new Date(opts.now.getTime() + seller.proposalValidDays * DAY_MS),
    subject: card.deal.title,
    seller: { name: seller.name, lines: sellerLines },
    client: { name: clientName, lines: clientLines },
    items: card.items.map((i) => ({ name: i.name, quantity: i.quantity, unit: i.unit, price: i.price, total: i.total })),
    total: sums.itemsTotal,
    vat: sums.vat === null ? { mode: 'none' } : { mode: sums.mode as 'included' | 'on_top', rate: sums.rate, amount: sums.vat },
    payable: sums.payable,
    currency: card.deal.currency,
    note: seller.proposalNote ?? null,
    manager: manager
      ? { name: manager.name, lines: compact([manager.phone ? formatPhone(manager.phone) : null, manager.username ? `Telegram: @${manager.username}` : null]) }
      : null,
  };
}

function compact(values: (string | null | undefined)[]): string[] {
  return values.filter((v): v is string => typeof v === 'string' && v.trim() !== '');
}
