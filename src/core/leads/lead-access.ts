import { and, eq, isNull, type SQL } from 'drizzle-orm';
import { FINAL_LEAD_STATUSES, type LeadStatus } from '../../../db/enums.js';
import { leads, type LeadRow } from '../../../db/schema/index.js';
import { assertCanSee } from '../shared/access.js';
import type { Actor, CoreContext } from '../shared/context.js';
import { forbidden, notFound, ruleBroken } from '../shared/errors.js';

export type MemberActor = Extract<Actor, { kind: 'member' }>;

export function requireMember(ctx: CoreContext): MemberActor {
  if (ctx.actor.kind !== 'member') throw forbidden('Only a team member can do this');
  return ctx.actor;
}

/** Reads a lead the actor may see; a lead of another manager is reported as forbidden, never shown. */
export async function loadVisibleLead(ctx: CoreContext, leadId: string): Promise<LeadRow> {
  const [lead] = await ctx.db.select().from(leads).where(eq(leads.id, leadId)).limit(1);
  if (!lead) throw notFound('Lead');
  assertCanSee(ctx.actor, lead, 'lead');
  return lead;
}

export const isFinalStatus = (status: LeadStatus) => (FINAL_LEAD_STATUSES as readonly string[]).includes(status);

export function assertOpen(lead: LeadRow): void {
  if (isFinalStatus(lead.status)) throw ruleBroken('lead_closed', `Lead #${lead.number} is closed (${lead.status})`);
}

/** Work on a pool lead starts with taking it, so every logged call has an owner. */
export function assertAssigned(lead: LeadRow): asserts lead is LeadRow & { assigneeId: string } {
  if (lead.assigneeId === null) throw ruleBroken('take_first', `Take lead #${lead.number} before working on it`);
}

/** The WHERE of a compare-and-set update: the lead still has the status and assignee the decision was based on. */
export function leadUnchanged(lead: Pick<LeadRow, 'id' | 'status' | 'assigneeId'>): SQL {
  return and(
    eq(leads.id, lead.id),
    eq(leads.status, lead.status),
    lead.assigneeId === null ? isNull(leads.assigneeId) : eq(leads.assigneeId, lead.assigneeId),
  )!;
}
