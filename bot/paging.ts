import type { InlineKeyboard } from 'grammy';
import type { Messages } from './i18n.js';

/**
 * Telegram refuses a keyboard of more than 100 buttons ("reply markup is too long"), and a list
 * that long is unreadable on a phone anyway: long lists of buttons (the catalogue, a deal's
 * line items) are shown a page at a time.
 */
export const BUTTONS_PER_PAGE = 20;

export interface Page<T> {
  items: T[];
  /** Zero-based, clamped to the pages that exist (a stale button for a page gone meanwhile shows the last one). */
  page: number;
  pages: number;
}

export function pageOf<T>(list: readonly T[], page: number, size = BUTTONS_PER_PAGE): Page<T> {
  const pages = Math.max(1, Math.ceil(list.length / size));
  const at = Math.min(Math.max(0, Math.trunc(page) || 0), pages - 1);
  return { items: list.slice(at * size, (at + 1) * size), page: at, pages };
}

/** ◀️ / ▶️ on a row of their own (nothing when everything fits on one page); leaves a fresh row open after them. */
export function addPager(kb: InlineKeyboard, t: Messages, p: Page<unknown>, data: (page: number) => string): InlineKeyboard {
  if (p.pages <= 1) return kb;
  if (p.page > 0) kb.text(t.buttons.prev, data(p.page - 1));
  if (p.page + 1 < p.pages) kb.text(t.buttons.next, data(p.page + 1));
  return kb.row();
}
