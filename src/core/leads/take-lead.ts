import { and, eq, isNull, notInArray, sql } from 'drizzle-orm';
import { FINAL_LEAD_STATUSES } from '../../../db/enums.js';
import { activities, leads, members, type LeadRow } from '../../../db/schema/index.js';
import { canSeeRecord } from '../shared/access.js';
import type { CoreContext } from '../shared/context.js';
import { historyIfChanged } from '../shared/guarded-write.js';
import { notFound } from '../shared/errors.js';
import { assertOpen, requireMember } from './lead-access.js';

export type TakeOutcome = 'taken' | 'already_yours' | 'taken_by_other';

export interface TakeResult {
  outcome: TakeOutcome;
  /** The lead as it is now, or null when it went to a colleague and is no longer the actor's to see. */
  lead: LeadRow | null;
  /** Who holds the lead now: the actor, or the colleague who was faster. */
  assignee: { id: string; name: string } | null;
}

/**
 * First tap wins: the UPDATE only matches while the lead is unassigned, so of two managers
 * pressing Take at once exactly one changes a row. Its history line and the hand-over of the
 * lead's open activities ride in the same batch and only apply when that update happened.
 */
export async function takeLead(ctx: CoreContext, leadId: string): Promise<TakeResult> {
  const actor = requireMember(ctx);
  // Not loadVisibleLead: a late tap on a colleague's lead must hear "taken by X", not "forbidden".
  const [before] = await ctx.db.select().from(leads).where(eq(leads.id, leadId)).limit(1);
  if (!before) throw notFound('Lead');
  assertOpen(before);
  if (before.assigneeId !== null) return settled(ctx, before, actor.id);

  const now = ctx.now();
  const nextStatus = before.status === 'new' ? 'assigned' : before.status;
  const { db } = ctx;
  const [won] = await db.batch([
    db
      .update(leads)
      .set({
        assigneeId: actor.id,
        status: sql`CASE WHEN ${leads.status} = 'new' THEN 'assigned' ELSE ${leads.status} END`,
        firstTouchedAt: sql`COALESCE(${leads.firstTouchedAt}, ${now.getTime()})`,
        updatedAt: now,
      })
      .where(and(eq(leads.id, leadId), isNull(leads.assigneeId), notInArray(leads.status, [...FINAL_LEAD_STATUSES])))
      .returning({ id: leads.id }),
    historyIfChanged(db, {
      entityType: 'lead',
      entityId: leadId,
      action: 'taken',
      actor,
      at: now,
      changes: { assignee: [null, actor.label], ...(nextStatus !== before.status ? { status: [before.status, nextStatus] } : {}) },
    }),
    db
      .update(activities)
      .set({ assigneeId: actor.id, updatedAt: now })
      .where(
        and(
          eq(activities.leadId, leadId),
          isNull(activities.doneAt),
          sql`EXISTS (SELECT 1 FROM ${leads} WHERE ${leads.id} = ${leadId} AND ${leads.assigneeId} = ${actor.id})`,
        ),
      ),
  ]);
  const [after] = await db.select().from(leads).where(eq(leads.id, leadId));
  if (won.length === 1 && after) return { outcome: 'taken', lead: after, assignee: { id: actor.id, name: actor.label } };
  return settled(ctx, after ?? before, actor.id);
}

async function settled(ctx: CoreContext, lead: LeadRow, actorId: string): Promise<TakeResult> {
  const assignee = await assigneeOf(ctx, lead);
  if (lead.assigneeId === actorId) return { outcome: 'already_yours', lead, assignee };
  // Telling who was faster is fine; the lead itself is now the colleague's.
  return { outcome: 'taken_by_other', lead: canSeeRecord(ctx.actor, lead) ? lead : null, assignee };
}

export async function assigneeOf(ctx: Pick<CoreContext, 'db'>, lead: Pick<LeadRow, 'assigneeId'>) {
  if (!lead.assigneeId) return null;
  const [m] = await ctx.db.select({ id: members.id, name: members.name }).from(members).where(eq(members.id, lead.assigneeId));
  return m ?? null;
}
