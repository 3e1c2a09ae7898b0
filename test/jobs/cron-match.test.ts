import { describe, expect, it } from 'vitest';
import cron from 'node-cron';
import { cronMatches } from '../../src/jobs/cron-match.js';
import { SCHEDULES } from '../../src/jobs/schedules.js';

describe('cronMatches', () => {
  const at = (iso: string) => new Date(iso);
  it('reads minutes, steps, ranges and lists in UTC', () => {
    expect(cronMatches('* * * * *', at('2026-11-27T10:03:00Z'))).toBe(true);
    expect(cronMatches('*/5 * * * *', at('2026-11-27T10:05:00Z'))).toBe(true);
    expect(cronMatches('*/5 * * * *', at('2026-11-27T10:03:00Z'))).toBe(false);
    expect(cronMatches('0 9-17 * * 1-5', at('2026-11-27T12:00:00Z'))).toBe(true);
    expect(cronMatches('0 9-17 * * 1-5', at('2026-11-28T12:00:00Z'))).toBe(false);
    expect(cronMatches('30 6 * * 0,6', at('2026-11-29T06:30:00Z'))).toBe(true);
    expect(cronMatches('0 0 * * 7', at('2026-11-29T00:00:00Z'))).toBe(true);
    expect(() => cronMatches('* * *', at('2026-11-29T00:00:00Z'))).toThrow();
  });

  it('agrees with node-cron on every schedule', () => {
    for (const s of SCHEDULES) expect(cron.validate(s.cron)).toBe(true);
  });
});
