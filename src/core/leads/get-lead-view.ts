import { and, desc, eq } from 'drizzle-orm';
import { history, type ActivityRow, type HistoryRow, type LeadRow } from '../../../db/schema/index.js';
import { isLeadership } from '../shared/access.js';
import type { Actor, CoreContext } from '../shared/context.js';
import { isFinalStatus, loadVisibleLead } from './lead-access.js';
import { openSteps } from '../activities/record-activities.js';
import { assigneeOf } from './take-lead.js';

export type LeadAction = 'take' | 'log_call' | 'status' | 'junk' | 'note' | 'history';

export interface LeadView {
  lead: LeadRow;
  assignee: { id: string; name: string } | null;
  /** The earliest open activity: what happens next and when. */
  next: ActivityRow | null;
  recent: HistoryRow[];
  actions: LeadAction[];
}

/** Which buttons a lead card offers this actor: only actions the use cases would accept. */
export function leadActions(actor: Actor, lead: Pick<LeadRow, 'status' | 'assigneeId'>): LeadAction[] {
  if (isFinalStatus(lead.status)) return ['note', 'history'];
  if (lead.assigneeId === null) return ['take', 'junk', 'history'];
  const mine = actor.kind === 'member' && lead.assigneeId === actor.id;
  if (mine || isLeadership(actor)) return ['log_call', 'status', 'junk', 'note', 'history'];
  return [];
}

/** Everything a lead card shows, read for an actor who may see the lead. */
export async function getLeadView(ctx: CoreContext, leadId: string, recentLines = 3): Promise<LeadView> {
  const lead = await loadVisibleLead(ctx, leadId);
  const [assignee, [next], recent] = await Promise.all([
    assigneeOf(ctx, lead),
    openSteps(ctx, { leadId }, 1),
    ctx.db
      .select()
      .from(history)
      .where(and(eq(history.entityType, 'lead'), eq(history.entityId, leadId)))
      .orderBy(desc(history.createdAt), desc(history.id))
      .limit(recentLines),
  ]);
  return { lead, assignee, next: next ?? null, recent, actions: leadActions(ctx.actor, lead) };
}
