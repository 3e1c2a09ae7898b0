import { and, eq, isNull } from 'drizzle-orm';
import { activities } from '../../../db/schema/index.js';
import type { CoreContext } from '../shared/context.js';

/** A closed deal has nothing left to do: its open steps are marked done with why, so reminders stop. */
export function closeDealActivities(ctx: CoreContext, dealId: string, result: 'deal_won' | 'deal_lost', at: Date) {
  return ctx.db
    .update(activities)
    .set({ doneAt: at, result, updatedAt: at })
    .where(and(eq(activities.dealId, dealId), isNull(activities.doneAt)));
}
