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

/** " · lead #101 Name, +7 999 123-45-67" (the phone to call from the list) or " · deal #7 Title", or nothing for a loose task. */
export function recordRef(item: Pick<AgendaItem, 'lead' | 'deal'>, t: Messages): string {
  if (item.lead) {
    const phone = item.lead.phone ? `, ${formatPhone(item.lead.phone)}` : '';
    return ` · ${escapeHtml(t.agenda.lead({ number: item.lead.number, name: item.lead.name ?? '' }) + phone)}`;
  }
  if (item.deal) return ` · ${escapeHtml(t.agenda.deal({ number: item.deal.number, title: item.deal.title }))}`;
  return '';
}

const ICONS: Record<string, string> = { call: '📞', meeting: '🤝', task: '📌' };
export const kindIcon = (kind: string) => ICONS[kind] ?? '📌';
