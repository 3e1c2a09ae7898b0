import { and, count, eq, isNull } from 'drizzle-orm';
import * as z from 'zod';
import { ACTIVITY_KINDS } from '../../../db/enums.js';
import { activities } from '../../../db/schema/index.js';
import type { CoreContext } from '../shared/context.js';
import { ruleBroken } from '../shared/errors.js';
import { parseInput } from '../shared/validate.js';
import { newId } from '../shared/ids.js';

/** A dated next step chosen in the same flow as a change (log call, status, stage). */
export const plannedActivitySchema = z.object({
  kind: z.enum(ACTIVITY_KINDS).default('call'),
  subject: z.string().trim().min(1).max(500).optional(),
  dueAt: z.coerce.date(),
});
export type PlannedActivity = z.input<typeof plannedActivitySchema>;

export type ActivityTarget = { leadId: string; dealId?: undefined } | { dealId: string; leadId?: undefined };

export async function openActivityCount(ctx: Pick<CoreContext, 'db'>, target: ActivityTarget): Promise<number> {
  const on = target.leadId ? eq(activities.leadId, target.leadId) : eq(activities.dealId, target.dealId!);
  const [row] = await ctx.db
    .select({ n: count() })
    .from(activities)
    .where(and(on, isNull(activities.doneAt)));
  return row?.n ?? 0;
}

/**
 * The house rule: an open lead or deal always has a dated next step. Returns the insert for the
 * planned activity (to go in the caller's batch), or nothing when one already exists;
 * refuses with rule `next_activity_required` when there is neither.
 */
export async function requireNextActivity(
  ctx: CoreContext,
  target: ActivityTarget,
  opts: { next?: PlannedActivity | null | undefined; assigneeId: string | null; defaultSubject: string; ignoreActivityId?: string },
) {
  if (opts.next) return [plannedActivityInsert(ctx, target, opts.next, opts.assigneeId, opts.defaultSubject)];
  const open = await openActivityCount(ctx, target);
  // An activity being closed in the same write does not count as the next step.
  const remaining = opts.ignoreActivityId ? open - (await isOpen(ctx, opts.ignoreActivityId)) : open;
  if (remaining > 0) return [];
  throw ruleBroken('next_activity_required', 'An open lead or deal needs a dated next activity: choose when to follow up');
}

async function isOpen(ctx: CoreContext, activityId: string): Promise<number> {
  const [row] = await ctx.db
    .select({ n: count() })
    .from(activities)
    .where(and(eq(activities.id, activityId), isNull(activities.doneAt)));
  return row?.n ?? 0;
}

export function plannedActivityInsert(
  ctx: CoreContext,
  target: ActivityTarget,
  next: PlannedActivity,
  assigneeId: string | null,
  defaultSubject: string,
) {
  const plan = parseInput(plannedActivitySchema, next, 'next activity', { label: 'what' });
  const now = ctx.now();
  // A minute of slack: "in 0 minutes" typed at 10:00:30 is still a valid plan.
  if (plan.dueAt.getTime() < now.getTime() - 60_000) {
    throw ruleBroken('next_activity_in_past', 'The next activity must be in the future');
  }
  const id = newId();
  return ctx.db.insert(activities).values({
    id,
    kind: plan.kind,
    subject: plan.subject ?? defaultSubject,
    dueAt: plan.dueAt,
    assigneeId,
    leadId: target.leadId ?? null,
    dealId: target.dealId ?? null,
    createdBy: ctx.actor.label,
    createdAt: now,
    updatedAt: now,
  });
}
