import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { activities, leads, members } from '../../../db/schema/index.js';
import type { CoreContext } from '../shared/context.js';
import { historyIfChanged } from '../shared/guarded-write.js';
import { isFinalStatus } from './lead-access.js';
import { memberById, type MemberRow } from '../team/member-by-telegram.js';

/**
 * Round-robin: a new pool lead goes to the active manager who was assigned a lead longest ago
 * (never assigned counts as longest). Idempotent: a lead that already has an assignee keeps them,
 * so a retried notification reaches the same person. Returns null when there is no active manager.
 */
export async function assignRoundRobin(ctx: CoreContext, leadId: string): Promise<MemberRow | null> {
  const { db } = ctx;
  const [lead] = await db.select().from(leads).where(eq(leads.id, leadId)).limit(1);
  if (!lead || isFinalStatus(lead.status)) return null;
  if (lead.assigneeId) return memberById(ctx, lead.assigneeId);

  const [next] = await db
    .select()
    .from(members)
    .where(and(eq(members.active, true), eq(members.role, 'manager')))
    .orderBy(sql`${members.lastAssignedAt} IS NOT NULL`, asc(members.lastAssignedAt), asc(members.createdAt))
    .limit(1);
  if (!next) return null;
  const now = ctx.now();
  const assigned = sql`EXISTS (SELECT 1 FROM ${leads} WHERE ${leads.id} = ${leadId} AND ${leads.assigneeId} = ${next.id})`;
  await db.batch([
    db
      .update(leads)
      .set({ assigneeId: next.id, status: sql`CASE WHEN ${leads.status} = 'new' THEN 'assigned' ELSE ${leads.status} END`, updatedAt: now })
      .where(and(eq(leads.id, leadId), isNull(leads.assigneeId))),
    historyIfChanged(db, {
      entityType: 'lead',
      entityId: leadId,
      action: 'assigned',
      actor: ctx.actor,
      at: now,
      changes: { assignee: [null, next.name], rule: 'round_robin', ...(lead.status === 'new' ? { status: ['new', 'assigned'] } : {}) },
    }),
    db.update(members).set({ lastAssignedAt: now }).where(and(eq(members.id, next.id), assigned)),
    db
      .update(activities)
      .set({ assigneeId: next.id, updatedAt: now })
      .where(and(eq(activities.leadId, leadId), isNull(activities.doneAt), assigned)),
  ]);
  // Whoever won a race (a Take in the meantime, another instance) is the assignee now.
  const [after] = await db.select({ assigneeId: leads.assigneeId }).from(leads).where(eq(leads.id, leadId));
  return after?.assigneeId ? memberById(ctx, after.assigneeId) : null;
}
