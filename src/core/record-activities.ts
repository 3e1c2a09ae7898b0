import { and, desc, eq, isNotNull, isNull, asc, type SQL } from 'drizzle-orm';
import { activities, history, type ActivityRow, type HistoryRow } from '../../db/schema/index.js';
import type { CoreContext } from './context.js';

export interface RecordActivities {
  open: ActivityRow[];
  /** The most recent done ones, newest first. */
  done: ActivityRow[];
}

/** A record's open activities (soonest first) and its last done ones; the caller checked visibility. */
export async function recordActivities(ctx: Pick<CoreContext, 'db'>, on: SQL, doneLimit = 20): Promise<RecordActivities> {
  const [open, done] = await Promise.all([
    ctx.db
      .select()
      .from(activities)
      .where(and(on, isNull(activities.doneAt)))
      .orderBy(asc(activities.dueAt))
      .limit(50),
    ctx.db
      .select()
      .from(activities)
      .where(and(on, isNotNull(activities.doneAt)))
      .orderBy(desc(activities.doneAt))
      .limit(doneLimit),
  ]);
  return { open, done };
}

/** The newest timeline lines of a record, and its notes (notes are timeline lines with action "note"). */
export async function recordTimeline(
  ctx: Pick<CoreContext, 'db'>,
  entityType: 'lead' | 'deal',
  entityId: string,
  limit = 50,
): Promise<{ timeline: HistoryRow[]; notes: HistoryRow[] }> {
  const of = and(eq(history.entityType, entityType), eq(history.entityId, entityId));
  const [timeline, notes] = await Promise.all([
    ctx.db.select().from(history).where(of).orderBy(desc(history.createdAt), desc(history.id)).limit(limit),
    ctx.db
      .select()
      .from(history)
      .where(and(of, eq(history.action, 'note')))
      .orderBy(desc(history.createdAt), desc(history.id))
      .limit(limit),
  ]);
  return { timeline, notes };
}
