import { addLocalDays, localParts, zonedTime } from '../shared/local-time.js';

export type ReportRange = 'week' | 'month';

/** The scheduled Monday report covers the previous full week, Monday 00:00 to Monday 00:00 in the reader's zone. */
export function previousWeek(now: Date, timeZone: string): { from: Date; to: Date; weekOf: string } {
  const p = localParts(now, timeZone);
  const monday = addLocalDays(p, 1 - p.weekday);
  const lastMonday = addLocalDays(monday, -7);
  const to = zonedTime(monday, 0, 0, timeZone);
  const from = zonedTime(lastMonday, 0, 0, timeZone);
  const weekOf = `${monday.year}-${String(monday.month).padStart(2, '0')}-${String(monday.day).padStart(2, '0')}`;
  return { from, to, weekOf };
}

/** `/report week|month` on demand: the last 7 or 30 calendar days including today, up to now. */
export function recentPeriod(range: ReportRange, now: Date, timeZone: string): { from: Date; to: Date } {
  const days = range === 'week' ? 7 : 30;
  const first = addLocalDays(localParts(now, timeZone), 1 - days);
  return { from: zonedTime(first, 0, 0, timeZone), to: now };
}
