import { pruneRecords } from '../core/operations/prune-records.js';
import { coreAt, type JobContext, type JobResult } from './job-context.js';

/** Daily: drops delivery receipts and working state past their retention (src/core/operations/prune-records.ts). */
export async function housekeeping(ctx: JobContext, now: Date): Promise<JobResult> {
  const pruned = await pruneRecords(coreAt(ctx, now));
  return { queued: 0, skipped: 0, pruned: Object.values(pruned).reduce((a, b) => a + b, 0) };
}
