import type { HistoryRow } from '../../src/core/timeline-page.js';
import { escapeHtml, formatDateTime, lookup, type Messages } from '../i18n.js';
import { clip, HISTORY_LINE_MAX } from './history-line.js';


/** One line of a deal's timeline page: "28.11 14:05 Anna: stage changed: Proposal sent → Negotiation". HTML-escaped. */
export function dealHistoryLine(row: HistoryRow, t: Messages, timeZone: string, now?: Date): string {
  const when = formatDateTime(row.createdAt, t, timeZone, now);
  return `${when} ${escapeHtml(row.actorLabel)}: ${escapeHtml(clip(describeDealEvent(row, t), HISTORY_LINE_MAX))}`;
}

/** What happened, in the member's language; actions without their own wording read as their label. */
export function describeDealEvent(row: HistoryRow, t: Messages): string {
  const c = (row.changes ?? {}) as Record<string, unknown>;
  const label = lookup(t.deal.history, row.action, row.action.replace(/_/g, ' '));
  const after = (key: string) => (c[key] as unknown[] | undefined)?.[1];
  switch (row.action) {
    case 'note':
      return t.history.note({ text: String(c.text ?? '') });
    case 'lost_note':
      return `${label}: ${String(after('lostNote') ?? '')}`;
    case 'stage_changed': {
      const [from, to] = (c.stage as unknown[] | undefined) ?? [];
      return `${label}: ${lookup(t.dealStages, String(from))} → ${lookup(t.dealStages, String(to))}`;
    }
    case 'lost':
      return after('lostReason') ? `${label}: ${lookup(t.lostReasons, String(after('lostReason')))}` : label;
    default:
      return label;
  }
}
