import { and, eq, isNull } from 'drizzle-orm';
import * as z from 'zod';
import { activities } from '../../../db/schema/index.js';
import { loadActivity } from './activity-target.js';
import type { CoreContext } from '../shared/context.js';
import { CrmError, ruleBroken } from '../shared/errors.js';
import { parseInput } from '../shared/validate.js';
import { historyEntry } from '../shared/records.js';

export const rescheduleActivitySchema = z.object({
  activityId: z.string().min(1),
  dueAt: z.coerce.date(),
});
export type RescheduleActivityInput = z.input<typeof rescheduleActivitySchema>;

export interface MovedActivity {
  activityId: string;
  dueAt: Date;
  previousDueAt: Date;
}

/** Moves an open activity to a new time. Its reminder key carries the time, so a new reminder follows. */
export async function rescheduleActivity(ctx: CoreContext, input: RescheduleActivityInput): Promise<MovedActivity> {
  const { activityId, dueAt } = parseInput(rescheduleActivitySchema, input, 'reschedule', { label: 'what' });
  // A minute of slack, as for a planned activity: "now" typed a few seconds late is still valid.
  if (dueAt.getTime() < ctx.now().getTime() - 60_000) {
    throw ruleBroken('next_activity_in_past', 'The new time must be in the future');
  }
  return moveActivity(ctx, activityId, () => dueAt, 'activity_rescheduled');
}

/** Shared by reschedule and snooze: the new time may depend on the current one. */
export async function moveActivity(
  ctx: CoreContext,
  activityId: string,
  newDue: (current: Date) => Date,
  action: 'activity_rescheduled' | 'activity_snoozed',
): Promise<MovedActivity> {
  const { activity, historyOwner } = await loadActivity(ctx, activityId);
  if (activity.doneAt) throw new CrmError('CONFLICT', 'This activity is already done', { rule: 'activity_done' });
  const now = ctx.now();
  const dueAt = newDue(activity.dueAt);
  const { db } = ctx;
  await db.batch([
    db
      .update(activities)
      .set({ dueAt, updatedAt: now })
      .where(and(eq(activities.id, activityId), isNull(activities.doneAt))),
    historyEntry(db, {
      ...historyOwner,
      action,
      actor: ctx.actor,
      at: now,
      changes: { activityId, dueAt: [activity.dueAt.toISOString(), dueAt.toISOString()] },
    }),
  ]);
  return { activityId, dueAt, previousDueAt: activity.dueAt };
}
