import { inArray } from 'drizzle-orm';
import { jobRuns } from '../../../db/schema/index.js';
import { inChunks } from '../shared/bound-params.js';
import type { CoreContext } from '../shared/context.js';
import { isUniqueViolation, outboxEntry, type OutboxMessage } from '../shared/records.js';

/**
 * "Send once" as a database fact. A delivery is a job_runs row (primary key: job, period,
 * recipient) written in the same batch as its outbox message, with a plain INSERT: when another
 * instance, a restarted process or a doubled cron tick got there first, the key collides and the
 * whole batch rolls back, so the message is neither lost nor queued twice.
 */
export interface JobRun {
  key: string;
  job: string;
}

type Statement = Parameters<CoreContext['db']['batch']>[0][number];

export async function deliverOnce(
  ctx: Pick<CoreContext, 'db' | 'now'>,
  run: JobRun,
  messages: Omit<OutboxMessage, 'at'>[],
  alongside: Statement[] = [],
): Promise<boolean> {
  const { db } = ctx;
  const at = ctx.now();
  const statements: Statement[] = [
    db.insert(jobRuns).values({ key: run.key, job: run.job, createdAt: at }),
    ...alongside,
    ...messages.map((m, i) =>
      outboxEntry(db, { ...m, at, dedupeKey: m.dedupeKey ?? (messages.length === 1 ? run.key : `${run.key}#${i}`) }),
    ),
  ];
  try {
    await db.batch(statements as [Statement, ...Statement[]]);
    return true;
  } catch (e) {
    if (isUniqueViolation(e)) return false;
    throw e;
  }
}

/** Records a decision to send nothing (an empty morning list), so later ticks skip the work. */
export async function markRun(ctx: Pick<CoreContext, 'db' | 'now'>, run: JobRun): Promise<void> {
  await ctx.db.insert(jobRuns).values({ key: run.key, job: run.job, createdAt: ctx.now() }).onConflictDoNothing();
}

/** Which of these keys have already run: one indexed lookup per chunk instead of one per member. */
export async function existingRunKeys(ctx: Pick<CoreContext, 'db'>, keys: string[]): Promise<Set<string>> {
  // Chunked: D1 binds at most 100 parameters a statement (bound-params.ts).
  const rows = await inChunks(keys, (chunk) => ctx.db.select({ key: jobRuns.key }).from(jobRuns).where(inArray(jobRuns.key, chunk)));
  return new Set(rows.map((r) => r.key));
}
