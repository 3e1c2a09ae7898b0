import { addLocalDays, localParts, zonedTime } from '../shared/local-time.js';

/**
 * Next-step times as managers say them, read in the member's own time zone:
 * presets behind buttons and typed text like `28.11 15:00`, `завтра 11:00`, `tomorrow 11:00`.
 * Pure functions over Intl (src/core/shared/local-time.ts), so they run the same on Node and Workers.
 */
export const DUE_PRESETS = ['2h', 'tomorrow10', '3d'] as const;
export type DuePreset = (typeof DUE_PRESETS)[number];

/** The hour a date without a time means: the start of a working day. */
const DEFAULT_HOUR = 10;

type LocalDate = { year: number; month: number; day: number };

export function presetDue(preset: DuePreset, now: Date, timeZone: string): Date {
  if (preset === '2h') return new Date(now.getTime() + 2 * 60 * 60_000);
  const today = localParts(now, timeZone);
  const days = preset === 'tomorrow10' ? 1 : 3;
  return zonedTime(addLocalDays(today, days), DEFAULT_HOUR, 0, timeZone);
}

const DAY_WORDS: Record<string, number> = {
  today: 0, сегодня: 0, tomorrow: 1, завтра: 1, послезавтра: 2, 'day after tomorrow': 2,
};

/** Returns null for text that is not a date, or a date in the past (the caller asks again). */
export function parseDueText(input: string, now: Date, timeZone: string): Date | null {
  const text = input.trim().toLowerCase().replace(/\s+/g, ' ');
  const today = localParts(now, timeZone);
  const time = /(?:^|\s|в\s|at\s)(\d{1,2})[:.](\d{2})$/.exec(text);
  const hm = time ? { hour: Number(time[1]), minute: Number(time[2]) } : null;
  if (hm && (hm.hour > 23 || hm.minute > 59)) return null;
  const datePart = (time ? text.slice(0, time.index) : text).replace(/\s(в|at)$/, '').trim();

  let date: LocalDate | null = null;
  if (datePart === '') {
    if (!hm) return null;
    // A bare time means its next occurrence: today if still ahead, else tomorrow.
    const candidate = zonedTime(today, hm.hour, hm.minute, timeZone);
    return candidate.getTime() > now.getTime() ? candidate : zonedTime(addLocalDays(today, 1), hm.hour, hm.minute, timeZone);
  }
  if (datePart in DAY_WORDS) date = addLocalDays(today, DAY_WORDS[datePart]!);
  const numeric = /^(\d{1,2})[./](\d{1,2})(?:[./](\d{2}|\d{4}))?$/.exec(datePart);
  if (numeric) {
    const day = Number(numeric[1]);
    const month = Number(numeric[2]);
    let year = numeric[3] ? Number(numeric[3]) : today.year;
    if (year < 100) year += 2000;
    if (!validDay(year, month, day)) return null;
    date = { year, month, day };
    // "28.11" typed in December means next November.
    if (!numeric[3] && (month < today.month || (month === today.month && day < today.day))) date.year += 1;
  }
  if (!date) return null;
  const at = hm ?? { hour: DEFAULT_HOUR, minute: 0 };
  const due = zonedTime(date, at.hour, at.minute, timeZone);
  return due.getTime() >= now.getTime() - 60_000 ? due : null;
}

function validDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}
