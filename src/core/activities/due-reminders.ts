import { and, asc, eq, gte, isNull, lte, sql } from 'drizzle-orm';
import { activities, deals, leads, members } from '../../../db/schema/index.js';
import { agendaColumns, toItem, type AgendaItem } from './agenda.js';
import type { CoreContext } from '../shared/context.js';
import type { Recipient } from '../team/team.js';

/**
 * The key of one reminder. It carries the due time, so an activity moved to another time
 * earns a fresh reminder while the same one is never sent twice.
 */
export const reminderKey = (activityId: string, dueAt: Date | number) =>
  `reminder:${activityId}:${typeof dueAt === 'number' ? dueAt : dueAt.getTime()}`;

export interface DueReminder {
  item: AgendaItem;
  recipient: Recipient;
}

/**
 * Open, assigned activities due in [from, until] whose reminder has not been recorded yet.
 * Pool activities (no assignee) are left to the pool escalation.
 */
export async function findDueReminders(
  ctx: Pick<CoreContext, 'db'>,
  window: { from: Date; until: Date; limit?: number },
): Promise<DueReminder[]> {
  const rows = await ctx.db
    .select({
      ...agendaColumns,
      memberId: members.id,
      memberName: members.name,
      role: members.role,
      chatId: members.chatId,
      language: members.language,
      timeZone: members.timeZone,
    })
    .from(activities)
    .innerJoin(members, and(eq(members.id, activities.assigneeId), eq(members.active, true)))
    .leftJoin(leads, eq(leads.id, activities.leadId))
    .leftJoin(deals, eq(deals.id, activities.dealId))
    .where(
      and(
        isNull(activities.doneAt),
        gte(activities.dueAt, window.from),
        lte(activities.dueAt, window.until),
        // The same expression as reminderKey, so the primary-key index answers it.
        sql`NOT EXISTS (SELECT 1 FROM job_runs WHERE job_runs.key = 'reminder:' || ${activities.id} || ':' || ${activities.dueAt})`,
      ),
    )
    .orderBy(asc(activities.dueAt))
    .limit(window.limit ?? 5_000);
  return rows.map((r) => ({
    item: toItem(r),
    recipient: { id: r.memberId, name: r.memberName, role: r.role, chatId: r.chatId, language: r.language, timeZone: r.timeZone },
  }));
}

/**
 * Whether a queued reminder still means something at send time: not when the activity was done
 * or moved meanwhile (a moved one has its own reminder under a new key).
 */
export async function reminderStillDue(ctx: Pick<CoreContext, 'db'>, activityId: string, dueAt: string): Promise<boolean> {
  const [row] = await ctx.db
    .select({ doneAt: activities.doneAt, dueAt: activities.dueAt })
    .from(activities)
    .where(eq(activities.id, activityId));
  return !!row && row.doneAt === null && row.dueAt.getTime() === Date.parse(dueAt);
}
