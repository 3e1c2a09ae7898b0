import { buildConversionReport, type ConversionReport } from '../core/reports/build-conversion-report.js';
import { deliverOnce, existingRunKeys } from '../core/background/job-runs.js';
import { parseClock, safeTimeZone, zonedTime } from '../core/shared/local-time.js';
import { previousWeek } from '../core/reports/report-period.js';
import { activeMembers } from '../core/team/team.js';
import { coreAt, done, type JobContext, type JobResult } from './job-context.js';

export const weeklyReportKey = (weekOf: string, memberId: string) => `weekly_report:${weekOf}:${memberId}`;

/**
 * The owner's and heads' report on Monday at WORKDAY_START in their zone, covering the previous
 * week. Keyed by the week, so a server that was down on Monday sends it later that week and a
 * report for a week already past is never sent. The chart is drawn from the payload at send time.
 */
export async function sendWeeklyReports(ctx: JobContext, now: Date): Promise<JobResult> {
  const core = coreAt(ctx, now);
  const { hour, minute } = parseClock(ctx.workdayStart);
  const due = (await activeMembers(core, ['owner', 'head']))
    .map((member) => {
      const timeZone = safeTimeZone(member.timeZone, core.settings.defaultTimeZone);
      const week = previousWeek(now, timeZone);
      // week.to is this Monday's midnight; the report waits for the start of that working day.
      const mondayStart = zonedTime(dateOf(week.weekOf), hour, minute, timeZone);
      return { member, timeZone, week, mondayStart };
    })
    .filter(({ mondayStart }) => now >= mondayStart);
  const sent = await existingRunKeys(core, due.map(({ member, week }) => weeklyReportKey(week.weekOf, member.id)));

  // Readers in one zone share one set of numbers.
  const reports = new Map<string, Promise<ConversionReport>>();
  const result: JobResult = { queued: 0, skipped: 0 };
  for (const { member, timeZone, week } of due) {
    const run = { key: weeklyReportKey(week.weekOf, member.id), job: 'weekly_report' };
    if (sent.has(run.key)) continue;
    const span = `${week.from.getTime()}-${week.to.getTime()}`;
    if (!reports.has(span)) reports.set(span, buildConversionReport(core, week));
    const report = await reports.get(span)!;
    const payload = { range: 'week', weekOf: week.weekOf, timeZone, report };
    const queued = await deliverOnce(core, run, [{ kind: 'weekly_report', chatId: member.chatId, memberId: member.id, payload }]);
    if (queued) result.queued++;
    else result.skipped++;
  }
  return done(ctx, result);
}

function dateOf(key: string) {
  const [year, month, day] = key.split('-').map(Number);
  return { year: year!, month: month!, day: day! };
}
