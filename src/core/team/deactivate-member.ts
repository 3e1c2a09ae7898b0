import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { OPEN_LEAD_STATUSES } from '../../../db/enums.js';
import { activities, leads, members } from '../../../db/schema/index.js';
import type { CoreContext } from '../shared/context.js';
import { forbidden, notFound, ruleBroken } from '../shared/errors.js';
import { historyIfChanged, historyOrAbort, runGuardedBatch, type Statement } from '../shared/guarded-write.js';
import { requireMember } from '../leads/lead-access.js';
import { memberById } from './member-by-telegram.js';

/**
 * Someone leaves the team: they can no longer use the bot, and their open leads go back to the
 * pool (status `assigned` back to `new`, open activities unassigned) so no lead is stranded.
 * Each returned lead gets its own history line. Their closed leads and history stay as they were.
 */
export async function deactivateMember(ctx: CoreContext, memberId: string): Promise<{ returnedLeads: number }> {
  const actor = requireMember(ctx);
  if (actor.role !== 'owner') throw forbidden('Only the owner deactivates members');
  if (memberId === actor.id) throw ruleBroken('own_deactivation', 'You cannot deactivate yourself');
  const target = await memberById(ctx, memberId);
  if (!target) throw notFound('Member');
  if (!target.active) return { returnedLeads: 0 };
  const now = ctx.now();
  const { db } = ctx;
  const open = await db
    .select({ id: leads.id, status: leads.status })
    .from(leads)
    .where(and(eq(leads.assigneeId, memberId), inArray(leads.status, OPEN_LEAD_STATUSES)));

  const statements: Statement[] = [
    db.update(members).set({ active: false, updatedAt: now }).where(and(eq(members.id, memberId), eq(members.active, true))),
    historyOrAbort(db, { entityType: 'member', entityId: memberId, action: 'deactivated', actor, at: now, changes: { active: [true, false] } }),
  ];
  for (const lead of open) {
    statements.push(
      db
        .update(leads)
        .set({ assigneeId: null, status: sql`CASE WHEN ${leads.status} = 'assigned' THEN 'new' ELSE ${leads.status} END`, updatedAt: now })
        .where(and(eq(leads.id, lead.id), eq(leads.assigneeId, memberId))),
      historyIfChanged(db, {
        entityType: 'lead',
        entityId: lead.id,
        action: 'returned_to_pool',
        actor,
        at: now,
        changes: { assignee: [target.name, null], ...(lead.status === 'assigned' ? { status: ['assigned', 'new'] } : {}) },
      }),
      db
        .update(activities)
        .set({ assigneeId: null, updatedAt: now })
        .where(and(eq(activities.leadId, lead.id), isNull(activities.doneAt), eq(activities.assigneeId, memberId))),
    );
  }
  await runGuardedBatch(db, statements, 'member');
  return { returnedLeads: open.length };
}
