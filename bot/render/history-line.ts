import type { HistoryRow } from '../../src/core/lead-history.js';
import { escapeHtml, formatDateTime, lookup, type Messages } from '../i18n.js';

/**
 * Longest text of one line on a history page: ten lines of a page must fit one Telegram message
 * (4096 characters), and a single note may be 4000 on its own.
 */
export const HISTORY_LINE_MAX = 350;

export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

/** One timeline line: "28.11 14:05 Anna: call: no answer". HTML-escaped. */
export function historyLine(row: HistoryRow, t: Messages, timeZone: string, now?: Date): string {
  const when = formatDateTime(row.createdAt, t, timeZone, now);
  return `${when} ${escapeHtml(row.actorLabel)}: ${escapeHtml(clip(describeLeadEvent(row, t), HISTORY_LINE_MAX))}`;
}

/** What happened on a lead, in the member's language, unescaped (the Mini App escapes by building DOM text). */
export function describeLeadEvent(row: HistoryRow, t: Messages): string {
  const c = (row.changes ?? {}) as Record<string, unknown>;
  const h = t.history;
  const status = (s: unknown) => lookup(t.statuses, String(s));
  switch (row.action) {
    case 'created':
      return `${h.created} (${lookup(t.channels, String(c.channel ?? 'other'))})`;
    case 'taken':
      return h.taken;
    case 'assigned':
      return h.assigned({ name: String((c.assignee as unknown[] | undefined)?.[1] ?? '') });
    case 'call_logged': {
      const line = h.call_logged({ outcome: lookup(t.outcomes, String(c.outcome)) });
      return c.note ? `${line}. ${String(c.note)}` : line;
    }
    case 'status_changed': {
      const [from, to] = (c.status as unknown[] | undefined) ?? [];
      return h.status_changed({ from: status(from), to: status(to) });
    }
    case 'junked':
      return h.junked({ reason: lookup(t.junkReasons, String(c.junkReason)) });
    case 'note':
      return h.note({ text: String(c.text ?? '') });
    case 'repeat_request':
      return h.repeat_request;
    case 'returned_to_pool':
      return h.returned_to_pool;
    default:
      return h.other({ action: row.action });
  }
}
