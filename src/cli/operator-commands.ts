import { writeFile } from 'node:fs/promises';
import { messages } from '../../bot/i18n.js';
import { renderReport, reportText } from '../../bot/render/weekly-report.js';
import type { Config } from '../config.js';
import { buildConversionReport } from '../core/reports/build-conversion-report.js';
import type { CoreContext } from '../core/shared/context.js';
import { recentPeriod } from '../core/reports/report-period.js';
import { nodeFonts } from '../entry/node-fonts.js';
import { nodeResvgWasm } from '../entry/node-resvg.js';
import { sweepForgotten } from '../jobs/forgotten-sweep.js';
import { housekeeping } from '../jobs/housekeeping.js';
import type { JobContext, JobResult } from '../jobs/job-context.js';
import { sendMorningLists } from '../jobs/morning-list.js';
import { dryRunJob } from './dry-run.js';
import { sendReminders } from '../jobs/reminders.js';
import { sendWeeklyReports } from '../jobs/weekly-report.js';

/** The jobs an operator may run by hand, by the names `crm jobs run` takes. */
export const RUNNABLE_JOBS: Record<string, (ctx: JobContext, now: Date) => Promise<JobResult>> = {
  'morning-list': sendMorningLists,
  reminders: sendReminders,
  sweep: sweepForgotten,
  'weekly-report': sendWeeklyReports,
  housekeeping,
};

/**
 * `crm jobs run <job> [--dry-run]`: the same run the schedule makes, now. Each delivery is recorded,
 * so a rerun sends only what was missed. Messages go to the outbox; the running server sends them.
 * `--dry-run` runs the job and rolls it back: it lists who would receive what and changes nothing.
 */
export async function runJobCommand(ctx: CoreContext, args: string[], config: Config): Promise<void> {
  const name = args.find((a) => !a.startsWith('--'));
  const job = name ? RUNNABLE_JOBS[name] : undefined;
  if (!job) throw new Error(`Give a job: crm jobs run <${Object.keys(RUNNABLE_JOBS).join('|')}> [--dry-run]`);
  const jobCtx = (core: CoreContext): JobContext => ({
    core,
    workdayStart: config.WORKDAY_START,
    remindBeforeMinutes: config.REMIND_BEFORE_MINUTES,
    workdays: config.WORKDAYS,
  });
  const now = ctx.now();
  if (args.includes('--dry-run')) {
    const { result, messages } = await dryRunJob(ctx, now, (core) => job(jobCtx(core), now));
    if (result.pruned !== undefined) {
      console.log(`${name} --dry-run: ${result.pruned} row(s) past retention would be removed. Nothing was changed.`);
      return;
    }
    if (messages.length === 0) {
      console.log(`${name} --dry-run: nothing would be queued now (nobody due, or already delivered). Nothing was changed.`);
      return;
    }
    console.log(`${name} --dry-run: ${messages.length} message(s) would be queued. Nothing was changed:`);
    for (const m of messages) console.log(`  ${m.kind} -> ${m.recipient}: ${m.what}`);
    return;
  }
  const result = await job(jobCtx(ctx), now);
  const pruned = result.pruned === undefined ? '' : `, ${result.pruned} rows pruned`;
  console.log(`${name}: ${result.queued} message(s) queued, ${result.skipped} skipped${pruned}. The running server sends queued messages.`);
}

/** `crm report week|month [--png <file>]`: the owner's report as text, and its chart as a PNG file. */
export async function reportCommand(ctx: CoreContext, args: string[], config: Config): Promise<void> {
  const range = args[0] ?? 'week';
  if (range !== 'week' && range !== 'month') throw new Error('Give the period: crm report week|month [--png <file>]');
  const pngAt = args.indexOf('--png');
  const pngFile = pngAt >= 0 ? args[pngAt + 1] : undefined;
  if (pngAt >= 0 && !pngFile) throw new Error('--png needs a file name, e.g. --png report.png');
  const t = messages(config.DEFAULT_LANGUAGE);
  const timeZone = config.DEFAULT_TIME_ZONE;
  const report = await buildConversionReport(ctx, recentPeriod(range, ctx.now(), timeZone));
  console.log(reportText(report, t, timeZone, t.report.title).replace(/<\/?b>/g, ''));
  if (pngFile) {
    const rendered = await renderReport({ range, timeZone, report }, t, { fonts: nodeFonts, wasm: nodeResvgWasm }, t.report.title);
    await writeFile(pngFile, rendered.photo);
    console.log(`Chart written to ${pngFile}`);
  }
}
