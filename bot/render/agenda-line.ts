import type { AgendaItem } from '../../src/core/activities/agenda.js';
import { escapeHtml, formatDateTime, lookup, type Messages } from '../i18n.js';
import { formatPhone } from '../../src/core/shared/phone.js';

/** "28.11 10:00 📞 Call back · lead #101 ООО Ромашка", HTML-escaped, time in the reader's zone. */
export function agendaLine(item: AgendaItem, t: Messages, timeZone: string, now: Date): string {
  const when = formatDateTime(new Date(item.dueAt), t, timeZone, now);
  return `${when} ${kindIcon(item.kind)} ${escapeHtml(subjectText(item.subject, t))}${recordRef(item, t)}`;
}

export function subjectText(subject: string, t: Messages): string {
  return lookup(t.subjects as Record<string, string>, subject, subject);
}

/**
 * " · lead #101 Name, +7 999 123-45-67" (the phone to call from the list), " · deal #7 Title" or nothing for a
 * loose task. A converted lead's steps move to its deal and keep the lead: the deal is what is open, so it
 * names the step, with the client's phone from the lead.
 */
export function recordRef(item: Pick<AgendaItem, 'lead' | 'deal'>, t: Messages): string {
  const phone = item.lead?.phone ? `, ${formatPhone(item.lead.phone)}` : '';
  if (item.deal) return ` · ${escapeHtml(t.agenda.deal({ number: item.deal.number, title: item.deal.title }) + phone)}`;
  if (item.lead) return ` · ${escapeHtml(t.agenda.lead({ number: item.lead.number, name: item.lead.name ?? '' }) + phone)}`;
  return '';
}

const ICONS: Record<string, string> = { call: '📞', meeting: '🤝', task: '📌' };
export const kindIcon = (kind: string) => ICONS[kind] ?? '📌';
