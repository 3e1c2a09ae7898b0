import { eq } from 'drizzle-orm';
import { FINAL_DEAL_STAGES, FINAL_LEAD_STATUSES, type EntityType } from '../../../db/enums.js';
import { activities, deals, leads, type ActivityRow } from '../../../db/schema/index.js';
import { canSeeRecord } from '../shared/access.js';
import type { CoreContext } from '../shared/context.js';
import { forbidden, notFound } from '../shared/errors.js';
import type { ActivityTarget } from './next-step-rule.js';

/** An activity with what it belongs to: the house rule and the history line both need the parent. */
export interface LoadedActivity {
  activity: ActivityRow;
  /** Where history goes: the lead's or deal's timeline, or the activity's own for a loose task. */
  historyOwner: { entityType: EntityType; entityId: string };
  /** Set while the lead or deal is open: then it must keep a dated next step. */
  openTarget: (ActivityTarget & { assigneeId: string | null }) | null;
}

export async function loadActivity(ctx: CoreContext, activityId: string): Promise<LoadedActivity> {
  const [activity] = await ctx.db.select().from(activities).where(eq(activities.id, activityId));
  if (!activity) throw notFound('Activity');
  let parentAssignee: string | null = null;
  let hasParent = false;
  let openTarget: LoadedActivity['openTarget'] = null;
  let historyOwner: LoadedActivity['historyOwner'] = { entityType: 'activity', entityId: activity.id };
  // A lead's open activities move to its deal on conversion and keep their leadId, so the deal is
  // asked first: the deal's assignee, next-step rule and timeline govern them from then on.
  if (activity.dealId) {
    const [deal] = await ctx.db
      .select({ stage: deals.stage, assigneeId: deals.assigneeId })
      .from(deals)
      .where(eq(deals.id, activity.dealId));
    if (deal) {
      hasParent = true;
      parentAssignee = deal.assigneeId;
      historyOwner = { entityType: 'deal', entityId: activity.dealId };
      if (!(FINAL_DEAL_STAGES as readonly string[]).includes(deal.stage)) {
        openTarget = { dealId: activity.dealId, assigneeId: deal.assigneeId };
      }
    }
  } else if (activity.leadId) {
    const [lead] = await ctx.db
      .select({ status: leads.status, assigneeId: leads.assigneeId })
      .from(leads)
      .where(eq(leads.id, activity.leadId));
    if (lead) {
      hasParent = true;
      parentAssignee = lead.assigneeId;
      historyOwner = { entityType: 'lead', entityId: activity.leadId };
      if (!(FINAL_LEAD_STATUSES as readonly string[]).includes(lead.status)) {
        openTarget = { leadId: activity.leadId, assigneeId: lead.assigneeId };
      }
    }
  }
  // A manager acts on their own activities, on ones of records they own, and on the pool's. An
  // unassigned activity of a colleague's lead or deal is the colleague's: the record decides, not the empty slot.
  const own = activity.assigneeId !== null && canSeeRecord(ctx.actor, { assigneeId: activity.assigneeId });
  const visible = own || canSeeRecord(ctx.actor, { assigneeId: hasParent ? parentAssignee : activity.assigneeId });
  if (!visible) throw forbidden('This activity belongs to another manager');
  return { activity, historyOwner, openTarget };
}
