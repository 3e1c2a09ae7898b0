import { describe, expect, it } from 'vitest';
import { sendWeeklyReports } from '../../src/jobs/weekly-report.js';
import { freshDb, useFreshDb } from '../helpers/db.js';
import { outboxRows, testJobContext } from '../helpers/jobs.js';
import { addMember } from '../helpers/seed.js';
import { seedReportWeek, WEEK } from '../helpers/report-fixture.js';

describe('weekly report job', () => {
  const h = useFreshDb();

  it('reaches the owner and heads on Monday at their own 09:00, with the previous week in numbers', async () => {
    const { owner } = await seedReportWeek(h.db);
    const head = await addMember(h.db, { role: 'head', timeZone: 'Asia/Vladivostok' });
    const ctx = testJobContext(h);
    // Monday 08:59 in Vladivostok, Monday 01:59 in Moscow.
    expect((await sendWeeklyReports(ctx, new Date('2026-11-22T22:59:00Z'))).queued).toBe(0);
    expect((await sendWeeklyReports(ctx, new Date('2026-11-22T23:00:00Z'))).queued).toBe(1);
    expect((await sendWeeklyReports(ctx, new Date('2026-11-23T05:55:00Z'))).queued).toBe(0);
    expect((await sendWeeklyReports(ctx, new Date('2026-11-23T06:00:00Z'))).queued).toBe(1);
    expect((await sendWeeklyReports(ctx, new Date('2026-11-23T06:05:00Z'))).queued).toBe(0);

    const rows = await outboxRows(h, 'weekly_report');
    expect(rows.map((r) => r.memberId)).toEqual([head, owner]);
    expect(rows[1]?.payload).toMatchObject({
      range: 'week',
      weekOf: '2026-11-23',
      timeZone: 'Europe/Moscow',
      report: { from: WEEK.from.toISOString(), to: WEEK.to.toISOString(), leads: { total: 5, converted: 2 }, medianFirstTouchMinutes: 15 },
    });
    expect(rows[1]?.dedupeKey).toBe(`weekly_report:2026-11-23:${owner}`);
  });

  it("catches up later in the week after downtime, and drops a week that has passed", async () => {
    const { owner } = await seedReportWeek(h.db);
    const ctx = testJobContext(h);
    // Down all of Monday 23rd and until Monday 30th, 08:00 Moscow: the report for the 16th-23rd is stale.
    expect((await sendWeeklyReports(ctx, new Date('2026-11-30T05:00:00Z'))).queued).toBe(0);
    expect(await outboxRows(h)).toHaveLength(0);
    // Down only until Wednesday 25th: that week's report still goes.
    const h2 = await freshDb();
    try {
      await seedReportWeek(h2.db);
      expect((await sendWeeklyReports(testJobContext(h2), new Date('2026-11-25T10:00:00Z'))).queued).toBe(1);
      const [row] = await outboxRows(h2, 'weekly_report');
      expect(row?.payload).toMatchObject({ weekOf: '2026-11-23', report: { leads: { total: 5 } } });
    } finally {
      h2.close();
    }
    void owner;
  });
});
