import { and, eq, isNull, sql } from 'drizzle-orm';
import * as z from 'zod';
import { activities, leads } from '../../../db/schema/index.js';
import { loadActivity } from './activity-target.js';
import type { CoreContext } from '../shared/context.js';
import { parseInput, parseOr } from '../shared/validate.js';
import { plannedActivitySchema, requireNextActivity, type PlannedActivity } from './next-step-rule.js';
import { historyEntry } from '../shared/records.js';

export const completeActivitySchema = z.object({
  activityId: z.string().min(1),
  result: z.string().trim().max(500).optional(),
  note: z.string().trim().max(2000).optional(),
});
export type CompleteActivityInput = z.input<typeof completeActivitySchema> & { next?: PlannedActivity | null };

export interface CompleteActivityResult {
  activityId: string;
  /** A second tap on "Done" (two devices, a retried callback) changes nothing and says so. */
  alreadyDone: boolean;
}

/**
 * Marks an activity done. On an open lead or deal the house rule holds: the last open
 * activity closes only together with the next one (`next`), else rule `next_activity_required`.
 */
export async function completeActivity(ctx: CoreContext, input: CompleteActivityInput): Promise<CompleteActivityResult> {
  const { activityId, result, note } = parseInput(completeActivitySchema, input, 'activity', { label: 'what' });
  const loaded = await loadActivity(ctx, activityId);
  if (loaded.activity.doneAt) return { activityId, alreadyDone: true };

  const now = ctx.now();
  const { openTarget, historyOwner, activity } = loaded;
  const planned = openTarget
    ? await requireNextActivity(ctx, openTarget.leadId ? { leadId: openTarget.leadId } : { dealId: openTarget.dealId! }, {
        next: input.next,
        assigneeId: openTarget.assigneeId ?? activity.assigneeId,
        defaultSubject: activity.subject,
        ignoreActivityId: activityId,
      })
    : [];

  // Only read for the history line: when a step was planned, requireNextActivity has parsed it already.
  const next = parseOr(plannedActivitySchema, input.next, null);
  const { db } = ctx;
  await db.batch([
    db
      .update(activities)
      .set({ doneAt: now, result: result ?? null, note: note ?? activity.note, updatedAt: now })
      .where(and(eq(activities.id, activityId), isNull(activities.doneAt))),
    ...planned,
    // A done activity on a lead is a touch: the weekly report measures time to the first one.
    ...(activity.leadId
      ? [
          db
            .update(leads)
            .set({ firstTouchedAt: sql`COALESCE(${leads.firstTouchedAt}, ${now.getTime()})` })
            .where(eq(leads.id, activity.leadId)),
        ]
      : []),
    historyEntry(db, {
      ...historyOwner,
      action: 'activity_done',
      actor: ctx.actor,
      at: now,
      changes: {
        activityId,
        kind: activity.kind,
        subject: activity.subject,
        ...(result ? { result } : {}),
        ...(planned.length > 0 && next ? { next: { kind: next.kind, dueAt: next.dueAt.toISOString() } } : {}),
      },
    }),
  ]);
  return { activityId, alreadyDone: false };
}
