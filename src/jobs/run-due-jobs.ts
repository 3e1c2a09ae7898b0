import type { AppDeps } from '../app-deps.js';
import { cronMatches } from './cron-match.js';
import { jobContext, type JobResult } from './job-context.js';
import { SCHEDULES, type Schedule } from './schedules.js';

export interface JobOutcome {
  name: string;
  result?: JobResult;
  error?: unknown;
}

/**
 * Runs the schedules due at `now` one after another; a failing job is reported and does not stop
 * the others. The Workers `scheduled` handler calls this for a `* * * * *` trigger; Node calls it
 * with `all` once at start to catch up on what was missed while it was down.
 */
export async function runDueJobs(deps: AppDeps, now: Date, opts: { all?: boolean; schedules?: readonly Schedule[] } = {}): Promise<JobOutcome[]> {
  const ctx = jobContext(deps);
  const outcomes: JobOutcome[] = [];
  for (const schedule of opts.schedules ?? SCHEDULES) {
    if (!opts.all && !cronMatches(schedule.cron, now)) continue;
    try {
      outcomes.push({ name: schedule.name, result: await schedule.run(ctx, now) });
    } catch (error) {
      outcomes.push({ name: schedule.name, error });
    }
  }
  return outcomes;
}
