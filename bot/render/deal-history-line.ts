import type { HistoryRow } from '../../src/core/shared/timeline-page.js';
import { escapeHtml, formatDateTime, type Messages } from '../i18n.js';
import { describeEvent } from './history-event.js';
import { actorName } from './actor-name.js';
import { clip, HISTORY_LINE_MAX } from './history-line.js';

/** One line of a deal's timeline page: "28.11 14:05 Anna: stage changed: Proposal sent → Negotiation". HTML-escaped. */
export function dealHistoryLine(row: HistoryRow, t: Messages, timeZone: string, now?: Date): string {
  const when = formatDateTime(row.createdAt, t, timeZone, now);
  return `${when} ${escapeHtml(actorName(row, t))}: ${escapeHtml(clip(describeEvent(row, t), HISTORY_LINE_MAX))}`;
}
