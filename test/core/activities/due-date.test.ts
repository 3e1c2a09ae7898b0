import { describe, expect, it } from 'vitest';
import { parseDueText, presetDue } from '../../../src/core/activities/due-date.js';
import { zonedTime } from '../../../src/core/shared/local-time.js';

// Friday 27.11.2026, 12:00 in Moscow (UTC+3), 10:00 in Berlin (UTC+1).
const now = new Date('2026-11-27T09:00:00Z');
const iso = (d: Date | null) => d?.toISOString() ?? null;

describe('next-step dates in the member’s time zone', () => {
  it('reads the formats managers type', () => {
    const msk = 'Europe/Moscow';
    expect(iso(parseDueText('28.11 15:00', now, msk))).toBe('2026-11-28T12:00:00.000Z');
    expect(iso(parseDueText('завтра 11:00', now, msk))).toBe('2026-11-28T08:00:00.000Z');
    expect(iso(parseDueText('Tomorrow 11:00', now, msk))).toBe('2026-11-28T08:00:00.000Z');
    expect(iso(parseDueText('завтра в 9.30', now, msk))).toBe('2026-11-28T06:30:00.000Z');
    expect(iso(parseDueText('сегодня 18:00', now, msk))).toBe('2026-11-27T15:00:00.000Z');
    expect(iso(parseDueText('послезавтра', now, msk))).toBe('2026-11-29T07:00:00.000Z');
    expect(iso(parseDueText('1.12.2026 10:30', now, msk))).toBe('2026-12-01T07:30:00.000Z');
    expect(iso(parseDueText('01/12/26', now, msk))).toBe('2026-12-01T07:00:00.000Z');
    expect(iso(parseDueText('15:00', now, msk))).toBe('2026-11-27T12:00:00.000Z');
    expect(iso(parseDueText('11:00', now, msk))).toBe('2026-11-28T08:00:00.000Z');
  });

  it('rolls a past day-month into next year, and refuses nonsense and the past', () => {
    expect(iso(parseDueText('20.11 10:00', now, 'Europe/Moscow'))).toBe('2027-11-20T07:00:00.000Z');
    for (const text of ['когда-нибудь', '31.02 10:00', '28.11 25:00', 'сегодня 10:00', '', '12']) {
      expect(parseDueText(text, now, 'Europe/Moscow'), text).toBeNull();
    }
  });

  it('presets: in 2 hours, tomorrow 10:00, in 3 days at 10:00', () => {
    expect(iso(presetDue('2h', now, 'Europe/Moscow'))).toBe('2026-11-27T11:00:00.000Z');
    expect(iso(presetDue('tomorrow10', now, 'Europe/Moscow'))).toBe('2026-11-28T07:00:00.000Z');
    expect(iso(presetDue('tomorrow10', now, 'Europe/Berlin'))).toBe('2026-11-28T09:00:00.000Z');
    expect(iso(presetDue('3d', now, 'Asia/Vladivostok'))).toBe('2026-11-30T00:00:00.000Z');
  });

  it('"tomorrow" is the member’s tomorrow: late evening in Vladivostok is already the next day there', () => {
    const lateUtc = new Date('2026-11-27T20:00:00Z'); // 06:00 on 28.11 in Vladivostok
    expect(iso(parseDueText('tomorrow 10:00', lateUtc, 'Asia/Vladivostok'))).toBe('2026-11-29T00:00:00.000Z');
  });

  it('wall time to UTC across a DST change', () => {
    expect(zonedTime({ year: 2026, month: 3, day: 29 }, 10, 0, 'Europe/Berlin').toISOString()).toBe('2026-03-29T08:00:00.000Z');
    expect(zonedTime({ year: 2026, month: 3, day: 28 }, 10, 0, 'Europe/Berlin').toISOString()).toBe('2026-03-28T09:00:00.000Z');
  });
});
