import { sweepForgotten } from './forgotten-sweep.js';
import { housekeeping } from './housekeeping.js';
import type { JobContext, JobResult } from './job-context.js';
import { sendMorningLists } from './morning-list.js';
import { escalatePool } from './pool-escalation.js';
import { sendReminders } from './reminders.js';
import { sendWeeklyReports } from './weekly-report.js';

export interface Schedule {
  name: string;
  /** Five fields, read in UTC. Members' zones are handled inside each job, so no job needs a zone here. */
  cron: string;
  run: (ctx: JobContext, now: Date) => Promise<JobResult>;
}

/**
 * The one list of schedules, for node-cron and for the Workers cron trigger alike. The daily
 * and weekly jobs tick every five minutes and deliver to each member whose local moment has
 * come and who has not had it yet: one expression serves every time zone, and the same check
 * is the catch-up after downtime.
 */
export const SCHEDULES: readonly Schedule[] = [
  { name: 'reminders', cron: '* * * * *', run: sendReminders },
  { name: 'pool-escalation', cron: '* * * * *', run: escalatePool },
  { name: 'morning-list', cron: '*/5 * * * *', run: sendMorningLists },
  { name: 'forgotten-sweep', cron: '*/5 * * * *', run: sweepForgotten },
  { name: 'weekly-report', cron: '*/5 * * * *', run: sendWeeklyReports },
  // Once a day at a quiet hour for Russian time zones; any instance may run it, deletes are idempotent.
  { name: 'housekeeping', cron: '17 0 * * *', run: housekeeping },
];
