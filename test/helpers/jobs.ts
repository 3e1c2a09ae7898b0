import type { DbHandle } from '../../db/client.js';
import { outbox } from '../../db/schema/index.js';
import { systemActor } from '../../src/core/shared/context.js';
import type { JobContext } from '../../src/jobs/job-context.js';
import { coreContext, TestClock } from './context.js';

/** A job context over a test database with the default schedule (09:00, 15 minutes before, Monday to Friday). */
export function testJobContext(
  h: DbHandle,
  opts: { workdayStart?: string; remindBeforeMinutes?: number; clock?: TestClock; workdays?: number[] } = {},
): JobContext {
  return {
    core: coreContext(h.db, { actor: systemActor, clock: opts.clock ?? new TestClock() }),
    workdayStart: opts.workdayStart ?? '09:00',
    remindBeforeMinutes: opts.remindBeforeMinutes ?? 15,
    workdays: opts.workdays ?? [1, 2, 3, 4, 5],
  };
}

export async function outboxRows(h: DbHandle, kind?: string) {
  const rows = await h.db.select().from(outbox).orderBy(outbox.createdAt, outbox.id);
  return kind ? rows.filter((r) => r.kind === kind) : rows;
}
