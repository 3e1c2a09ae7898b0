import type { Language } from '../db/enums.js';
import { en, type Messages } from './locales/en.js';
import { ru } from './locales/ru.js';

const dictionaries: Record<Language, Messages> = { en, ru };

export function messages(lang: Language): Messages {
  return dictionaries[lang];
}

export type { Messages };

/** A dictionary entry looked up by a key that came from data (a rule name, a history action). */
export function lookup(table: Record<string, string>, key: string, fallback = key): string {
  return table[key] ?? fallback;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** "28.11 15:00" in the reader's time zone; the year only when it is not this year. */
export function formatDateTime(at: Date, t: Messages, timeZone: string, now = new Date()): string {
  const sameYear = new Intl.DateTimeFormat('en', { timeZone, year: 'numeric' });
  const withYear = sameYear.format(at) !== sameYear.format(now);
  return new Intl.DateTimeFormat(t.locale, {
    timeZone,
    day: '2-digit',
    month: '2-digit',
    ...(withYear ? { year: 'numeric' } : {}),
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
    .format(at)
    .replace(',', '');
}
