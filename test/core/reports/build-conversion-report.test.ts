import { describe, expect, it } from 'vitest';
import { buildConversionReport } from '../../../src/core/reports/build-conversion-report.js';
import { previousWeek, recentPeriod } from '../../../src/core/reports/report-period.js';
import { coreContext, TestClock } from '../../helpers/context.js';
import { useFreshDb } from '../../helpers/db.js';
import { seedReportWeek, WEEK } from '../../helpers/report-fixture.js';

describe('buildConversionReport', () => {
  const h = useFreshDb();

  it('matches the hand-counted numbers of a seeded week', async () => {
    const { anna, boris } = await seedReportWeek(h.db);
    const ctx = coreContext(h.db, { clock: new TestClock(new Date('2026-11-23T06:00:00Z')) });
    const r = await buildConversionReport(ctx, WEEK);
    expect(r.leads).toEqual({ total: 5, converted: 2 });
    expect(r.byChannel).toEqual([
      { channel: 'site_form', leads: 3, converted: 1 },
      { channel: 'call', leads: 1, converted: 1 },
      { channel: 'partner', leads: 1, converted: 0 },
    ]);
    expect(r.byManager).toEqual([
      { memberId: anna, name: 'Anna', leads: 2, converted: 1, overdue: 1 },
      { memberId: boris, name: 'Boris', leads: 2, converted: 1, overdue: 1 },
      { memberId: null, name: null, leads: 1, converted: 0, overdue: 1 },
    ]);
    expect(r.deals).toEqual({
      won: { count: 3, amounts: [{ currency: 'RUB', amount: 350_000 }, { currency: 'USD', amount: 5_000 }] },
      lost: { count: 2, amounts: [{ currency: 'RUB', amount: 80_000 }] },
      lostReasons: [
        { reason: 'competitor', count: 1 },
        { reason: 'price', count: 1 },
      ],
    });
    // Touched after 10, 30, 5 and 20 minutes: the median of 5, 10, 20, 30 is 15.
    expect(r.medianFirstTouchMinutes).toBe(15);
    expect(r.untouched).toBe(1);
    expect(r.overdueTotal).toBe(3);
    expect(r.junkReasons).toEqual([
      { reason: 'duplicate', count: 1 },
      { reason: 'spam', count: 1 },
    ]);
  });

  it('answers zeros and a null median for an empty period', async () => {
    const r = await buildConversionReport(h.ctx(), WEEK);
    expect(r).toMatchObject({ leads: { total: 0, converted: 0 }, byChannel: [], medianFirstTouchMinutes: null, overdueTotal: 0 });
  });
});

describe('report periods', () => {
  it('takes the previous Monday-to-Monday in the reader zone', () => {
    const p = previousWeek(new Date('2026-11-25T12:00:00Z'), 'Europe/Moscow');
    expect([p.from.toISOString(), p.to.toISOString(), p.weekOf]).toEqual([WEEK.from.toISOString(), WEEK.to.toISOString(), '2026-11-23']);
    const vlad = previousWeek(new Date('2026-11-22T23:30:00Z'), 'Asia/Vladivostok');
    expect(vlad.weekOf).toBe('2026-11-23');
    expect(vlad.to.toISOString()).toBe('2026-11-22T14:00:00.000Z');
  });

  it('gives the last 7 or 30 days including today for /report', () => {
    const now = new Date('2026-11-27T10:00:00Z');
    expect(recentPeriod('week', now, 'Europe/Moscow').from.toISOString()).toBe('2026-11-20T21:00:00.000Z');
    expect(recentPeriod('month', now, 'Europe/Moscow').from.toISOString()).toBe('2026-10-28T21:00:00.000Z');
  });
});
