import { InlineKeyboard } from 'grammy';
import type { Language } from '../../db/enums.js';
import type { DealCard } from '../../src/core/deals/get-deal-card.js';
import { dcb } from '../deal-callback-data.js';
import { escapeHtml, formatDateTime, lookup, type Messages } from '../i18n.js';
import { money } from '../money.js';
import { describeEvent, historyLabel } from './history-event.js';
import { clip } from './history-line.js';
import { formatPhone } from '../../src/core/shared/phone.js';
import { actorName } from './actor-name.js';

/** A note on the card is a glimpse: the card stays short enough to read at a glance. */
const CARD_NOTE_MAX = 120;

export interface DealCardOptions {
  t: Messages;
  timeZone: string;
  now: Date;
  footer?: string;
}

/** The deal card: who, what is sold for how much, what is next, the last few events. */
export function dealCardText(card: DealCard, o: DealCardOptions): string {
  const { deal, contact, company } = card;
  const { t } = o;
  const lines = [`<b>${t.deal.title({ number: deal.number })}</b> · ${lookup(t.dealStages, deal.stage)}`, `📝 ${escapeHtml(deal.title)}`];
  const who = contact ? [contact.name, contact.phone && formatPhone(contact.phone), contact.email].filter(Boolean).map((v) => escapeHtml(v!)).join(' · ') : t.deal.noContact;
  lines.push(`👤 ${who || t.deal.noContact}`);
  if (company) lines.push(`🏢 ${escapeHtml(company.name)}`);
  lines.push(`💰 <b>${money(deal.amount, deal.currency, t)}</b>${deal.amountManual ? ` (${t.deal.amountManual})` : ''}`);
  if (card.items.length === 0) lines.push(`📦 ${t.deal.noItems}`);
  for (const item of card.items) {
    lines.push(`📦 ${escapeHtml(item.name)} × ${item.quantity} = ${money(item.total, deal.currency, t)}`);
  }
  if (deal.stage !== 'won' && deal.stage !== 'lost') {
    if (!card.next) lines.push(`⏰ ${t.deal.next}: <b>${t.deal.noNext}</b>`);
    else {
      const overdue = card.next.dueAt.getTime() < o.now.getTime();
      const what = lookup(t.subjects, card.next.subject, card.next.subject.replace(/_/g, ' '));
      const when = formatDateTime(card.next.dueAt, t, o.timeZone, o.now);
      lines.push(`⏰ ${t.deal.next}: ${lookup(t.kinds, card.next.kind)} (${escapeHtml(what)}) ${when}${overdue ? ` ⚠️ ${t.deal.overdue}` : ''}`);
    }
  } else if (deal.lostReason) {
    lines.push(`❌ ${lookup(t.lostReasons, deal.lostReason)}${deal.lostNote ? `: ${escapeHtml(deal.lostNote)}` : ''}`);
  }
  if (card.history.length > 0) {
    lines.push('');
    for (const h of [...card.history].reverse()) {
      // A note is worth its words even on the card, cut short; History shows more of it.
      const what = h.action === 'note' ? clip(describeEvent(h, t), CARD_NOTE_MAX) : historyLabel(h, t);
      lines.push(`<i>${formatDateTime(h.createdAt, t, o.timeZone, o.now)} · ${escapeHtml(actorName(h, t))}: ${escapeHtml(what)}</i>`);
    }
  }
  if (o.footer) lines.push('', escapeHtml(o.footer));
  return lines.join('\n');
}

/** Two languages, so the button toggles; with a third it would open a choice instead. */
function otherLanguage(language: Language): Language {
  return language === 'ru' ? 'en' : 'ru';
}

export function dealCardKeyboard(card: DealCard, t: Messages): InlineKeyboard {
  const id = card.deal.id;
  const b = t.dealButtons;
  const kb = new InlineKeyboard();
  if (card.deal.stage !== 'won' && card.deal.stage !== 'lost') {
    kb.text(b.stage, dcb.stage(id)).text(b.proposal, dcb.proposal(id)).row();
    kb.text(b.items, dcb.items(id)).text(b.edit, dcb.edit(id)).row();
    kb.text(b.won, dcb.won(id)).text(b.lost, dcb.lost(id)).row();
    kb.text(b.language({ code: card.deal.language.toUpperCase() }), dcb.language(id, otherLanguage(card.deal.language))).row();
  }
  // Notes and the timeline outlive the deal: a won or lost deal keeps both buttons.
  kb.text(b.note, dcb.note(id)).text(b.history, dcb.history(id, 0)).row();
  if (card.contact) kb.text(b.contact, dcb.contact(card.contact.id));
  if (card.company) kb.text(b.company, dcb.company(card.company.id));
  return kb;
}
