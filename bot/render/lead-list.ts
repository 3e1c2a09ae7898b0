import { InlineKeyboard } from 'grammy';
import type { LeadListItem } from '../../src/core/leads/list-leads.js';
import { cb } from '../callback-data.js';
import { formatDateTime, lookup, type Messages } from '../i18n.js';
import { formatPhone } from '../../src/core/shared/phone.js';

export interface ListEntry {
  lead: LeadListItem['lead'];
  nextDueAt?: Date | null;
  overdue?: boolean;
}

/** One button per lead, opening its card: "⚠️ #12 Ivan · 28.11 15:00". Button labels are plain text. */
export function leadListKeyboard(entries: ListEntry[], o: { t: Messages; timeZone: string; now: Date }): InlineKeyboard {
  const kb = new InlineKeyboard();
  for (const e of entries) kb.text(entryLabel(e, o).slice(0, 64), cb.card(e.lead.id)).row();
  return kb;
}

function entryLabel(e: ListEntry, o: { t: Messages; timeZone: string; now: Date }): string {
  const who = e.lead.name ?? e.lead.companyName ?? (e.lead.phone && formatPhone(e.lead.phone)) ?? o.t.card.noName;
  const when = e.nextDueAt ? ` · ${formatDateTime(e.nextDueAt, o.t, o.timeZone, o.now)}` : e.overdue !== undefined ? ` · ${o.t.card.noNext}` : '';
  const status = e.nextDueAt === undefined ? ` · ${lookup(o.t.statuses, e.lead.status)}` : '';
  return `${e.overdue ? `${o.t.leads.overdue} ` : ''}#${e.lead.number} ${who}${when}${status}`;
}
