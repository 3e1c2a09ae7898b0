import * as z from 'zod';
import type { CoreContext } from '../shared/context.js';
import { parseInput } from '../shared/validate.js';
import { moveActivity, type MovedActivity } from './reschedule-activity.js';

export const SNOOZE_MINUTES = 30;

export const snoozeActivitySchema = z.object({
  activityId: z.string().min(1),
  minutes: z.number().int().min(1).max(24 * 60).default(SNOOZE_MINUTES),
});
export type SnoozeActivityInput = z.input<typeof snoozeActivitySchema>;

/**
 * "Snooze 30 min": the activity moves 30 minutes past its due time, or past now when it is
 * already late, so the reminder comes back as far ahead of it as the first one did.
 */
export async function snoozeActivity(ctx: CoreContext, input: SnoozeActivityInput): Promise<MovedActivity> {
  const { activityId, minutes } = parseInput(snoozeActivitySchema, input, 'snooze', { label: 'what' });
  const step = minutes * 60_000;
  const now = ctx.now().getTime();
  return moveActivity(ctx, activityId, (current) => new Date(Math.max(current.getTime(), now) + step), 'activity_snoozed');
}
