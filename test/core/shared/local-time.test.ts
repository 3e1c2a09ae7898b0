import { describe, expect, it } from 'vitest';
import { addLocalDays, localDateKey, localParts, parseClock, safeTimeZone, startOfLocalDay, zonedTime } from '../../../src/core/shared/local-time.js';

describe('local time', () => {
  it('finds the instant of a wall-clock time in a zone', () => {
    const day = { year: 2026, month: 11, day: 27 };
    expect(zonedTime(day, 9, 0, 'Europe/Moscow').toISOString()).toBe('2026-11-27T06:00:00.000Z');
    expect(zonedTime(day, 9, 0, 'Asia/Vladivostok').toISOString()).toBe('2026-11-26T23:00:00.000Z');
    expect(zonedTime(day, 9, 0, 'America/New_York').toISOString()).toBe('2026-11-27T14:00:00.000Z');
  });

  it('follows daylight saving switches', () => {
    // Berlin moves to summer time at 02:00 on 29 March 2026: 09:00 is then UTC+2.
    expect(zonedTime({ year: 2026, month: 3, day: 28 }, 9, 0, 'Europe/Berlin').toISOString()).toBe('2026-03-28T08:00:00.000Z');
    expect(zonedTime({ year: 2026, month: 3, day: 29 }, 9, 0, 'Europe/Berlin').toISOString()).toBe('2026-03-29T07:00:00.000Z');
    expect(startOfLocalDay(new Date('2026-03-29T12:00:00Z'), 'Europe/Berlin').toISOString()).toBe('2026-03-28T23:00:00.000Z');
  });

  it('names the local calendar day and weekday', () => {
    const at = new Date('2026-11-22T23:30:00Z');
    expect(localDateKey(at, 'Asia/Vladivostok')).toBe('2026-11-23');
    expect(localDateKey(at, 'Europe/Moscow')).toBe('2026-11-23');
    expect(localDateKey(at, 'Europe/London')).toBe('2026-11-22');
    expect(localParts(at, 'Asia/Vladivostok').weekday).toBe(1);
    expect(addLocalDays({ year: 2026, month: 12, day: 31 }, 1)).toEqual({ year: 2027, month: 1, day: 1 });
  });

  it('falls back for an unknown zone and validates clock strings', () => {
    expect(safeTimeZone('Mars/Olympus', 'Europe/Moscow')).toBe('Europe/Moscow');
    expect(parseClock('9:30')).toEqual({ hour: 9, minute: 30 });
    expect(() => parseClock('25:00')).toThrow();
  });
});
