import type { Language } from '../db/enums.js';
import type { ActivityRow, HistoryRow } from '../db/schema/index.js';
import { lookup, messages } from '../bot/i18n.js';
import { actorName } from '../bot/render/actor-name.js';
import { describeEvent } from '../bot/render/history-event.js';
import type { AgendaItem } from '../src/core/activities/agenda.js';
import { formatPhone } from '../src/core/shared/phone.js';
import type { DealBoard } from '../src/core/deals/get-deal-board.js';
import type { DealRecord } from '../src/core/deals/get-deal-record.js';
import type { LeadRecord } from '../src/core/leads/get-lead-record.js';

/**
 * Core results as the page reads them: dates as ISO strings, history and subjects already in the
 * member's language (the bot's own wording), and nothing the page does not show.
 */
export function subjectText(subject: string, lang: Language): string {
  return lookup(messages(lang).subjects, subject, subject.replace(/_/g, ' '));
}

function line(row: HistoryRow, lang: Language, describe: typeof describeEvent) {
  return { at: row.createdAt.toISOString(), actor: actorName(row, messages(lang)), text: describe(row, messages(lang)) };
}

function activity(a: ActivityRow, lang: Language) {
  return {
    id: a.id,
    kind: a.kind,
    subject: subjectText(a.subject, lang),
    dueAt: a.dueAt.toISOString(),
    doneAt: a.doneAt?.toISOString() ?? null,
    result: a.result,
  };
}

export function presentAgenda(items: AgendaItem[], lang: Language) {
  return items.map((i) => ({ ...i, subject: subjectText(i.subject, lang) }));
}

export function presentDeal(r: DealRecord, lang: Language) {
  const d = r.deal;
  return {
    type: 'deal' as const,
    id: d.id,
    number: d.number,
    title: d.title,
    stage: d.stage,
    amount: d.amount,
    currency: d.currency,
    closed: d.stage === 'won' || d.stage === 'lost',
    client: r.contact ? { name: r.contact.name, phone: r.contact.phone && formatPhone(r.contact.phone) } : null,
    company: r.company?.name ?? null,
    assignee: r.assignee?.name ?? null,
    items: r.items.map((i) => ({ name: i.name, quantity: i.quantity, price: i.price, total: i.total, unit: i.unit })),
    activities: [...r.activities.open, ...r.activities.done].map((a) => activity(a, lang)),
    timeline: r.timeline.map((h) => line(h, lang, describeEvent)),
    notes: r.notes.map((h) => line(h, lang, describeEvent)),
  };
}

export function presentLead(r: LeadRecord, lang: Language) {
  const l = r.lead;
  return {
    type: 'lead' as const,
    id: l.id,
    number: l.number,
    name: l.name,
    phone: l.phone && formatPhone(l.phone),
    companyName: l.companyName,
    comment: l.comment,
    channel: l.channel,
    status: l.status,
    assignee: r.assignee?.name ?? null,
    actions: r.actions,
    activities: [...r.activities.open, ...r.activities.done].map((a) => activity(a, lang)),
    timeline: r.timeline.map((h) => line(h, lang, describeEvent)),
    notes: r.notes.map((h) => line(h, lang, describeEvent)),
  };
}

export function presentBoard(board: DealBoard, lang: Language) {
  return {
    ...board,
    columns: board.columns.map((col) => ({
      ...col,
      cards: col.cards.map((card) =>
        card.next ? { ...card, next: { ...card.next, subject: subjectText(card.next.subject, lang) } } : card,
      ),
    })),
  };
}
