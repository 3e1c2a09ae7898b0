import type { HistoryRow } from '../../src/core/leads/lead-history.js';
import { escapeHtml, formatDateTime, type Messages } from '../i18n.js';
import { describeEvent } from './history-event.js';
import { actorName } from './actor-name.js';

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
  return `${when} ${escapeHtml(actorName(row, t))}: ${escapeHtml(clip(describeEvent(row, t), HISTORY_LINE_MAX))}`;
}
