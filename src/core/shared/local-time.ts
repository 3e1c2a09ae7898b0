/**
 * Wall-clock arithmetic in a member's IANA time zone with nothing but Intl, so it runs
 * on Workers too. Jobs ask "is it past 09:00 in Vladivostok today?" through these.
 */
export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 1 = Monday ... 7 = Sunday (ISO). */
  weekday: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };
const DAY_MS = 86_400_000;

function format(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formats.set(timeZone, f);
  }
  return f;
}

/** A member may have typed a zone that does not exist; the team default stands in rather than crashing a job. */
export function safeTimeZone(timeZone: string, fallback: string): string {
  try {
    format(timeZone);
    return timeZone;
  } catch {
    return fallback;
  }
}

export function localParts(at: Date, timeZone: string): LocalParts & { second: number } {
  const out: Record<string, string> = {};
  for (const p of format(timeZone).formatToParts(at)) out[p.type] = p.value;
  return {
    year: Number(out.year),
    month: Number(out.month),
    day: Number(out.day),
    hour: Number(out.hour),
    minute: Number(out.minute),
    second: Number(out.second),
    weekday: WEEKDAYS[out.weekday ?? ''] ?? 1,
  };
}

/** How far the zone's wall clock is ahead of UTC at that instant, in ms. */
export function zoneOffsetMs(at: Date, timeZone: string): number {
  const p = localParts(at, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/** The instant when the zone's clock shows that date and time (a DST gap resolves forward). */
export function zonedTime(date: { year: number; month: number; day: number }, hour: number, minute: number, timeZone: string): Date {
  const wall = Date.UTC(date.year, date.month - 1, date.day, hour, minute);
  let guess = wall - zoneOffsetMs(new Date(wall), timeZone);
  // The offset at the guess may differ from the one at the naive instant across a DST switch.
  const second = wall - zoneOffsetMs(new Date(guess), timeZone);
  if (second !== guess) guess = second;
  return new Date(guess);
}

/** "2026-11-27": the member's calendar day, used in job keys so each day is sent once. */
export function localDateKey(at: Date, timeZone: string): string {
  const p = localParts(at, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

export function startOfLocalDay(at: Date, timeZone: string): Date {
  return zonedTime(localParts(at, timeZone), 0, 0, timeZone);
}

/** Calendar arithmetic on a local date (not 24h steps), so DST days still land on midnight. */
export function addLocalDays(date: { year: number; month: number; day: number }, days: number) {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day) + days * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** "09:00" -> 9 * 60. */
export function parseClock(value: string): { hour: number; minute: number } {
  const m = /^(\d{1,2}):(\d{2})$/.exec(value.trim());
  if (!m) throw new Error(`expected a time like 09:00, got "${value}"`);
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  if (hour > 23 || minute > 59) throw new Error(`expected a time like 09:00, got "${value}"`);
  return { hour, minute };
}

const pad = (n: number) => String(n).padStart(2, '0');
