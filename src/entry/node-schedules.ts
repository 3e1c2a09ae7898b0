import cron from 'node-cron';
import type { AppDeps } from '../app-deps.js';
import { jobContext } from '../jobs/job-context.js';
import { runDueJobs } from '../jobs/run-due-jobs.js';
import { SCHEDULES } from '../jobs/schedules.js';

/**
 * Node: one node-cron task per schedule (UTC, since jobs handle members' zones themselves), no
 * overlapping runs of the same job, and one catch-up pass at start for what was missed while the
 * process was down. Jobs are idempotent in the database, so a second instance doing the same is harmless.
 * Returns a stop function that destroys every task it made and waits for the catch-up pass.
 */
export function startSchedules(deps: AppDeps, opts: { catchUp?: boolean; log?: (line: string) => void } = {}): () => Promise<void> {
  const log = opts.log ?? ((line: string) => console.log(line));
  if (!deps.config.JOBS) return async () => {};
  const ctx = jobContext(deps);
  const tasks = SCHEDULES.map((schedule) =>
    cron.schedule(
      schedule.cron,
      async () => {
        try {
          const r = await schedule.run(ctx, deps.now());
          if (r.queued > 0) log(`job ${schedule.name}: queued ${r.queued}`);
        } catch (e) {
          log(`job ${schedule.name} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
        }
      },
      { name: `crm:${schedule.name}`, timezone: 'UTC', noOverlap: true },
    ),
  );
  const catchUp = (opts.catchUp ?? true)
    ? runDueJobs(deps, deps.now(), { all: true }).then((outcomes) => {
        for (const o of outcomes) if (o.error) log(`catch-up ${o.name} failed: ${String(o.error)}`);
      })
    : Promise.resolve();
  return async () => {
    for (const task of tasks) await task.destroy();
    // Let the catch-up pass finish before the caller closes the database under it.
    await catchUp;
  };
}
