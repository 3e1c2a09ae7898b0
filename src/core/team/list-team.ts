import { and, count, inArray, isNotNull, isNull, lt } from 'drizzle-orm';
import { OPEN_LEAD_STATUSES } from '../../../db/enums.js';
import { activities, leads, members } from '../../../db/schema/index.js';
import { isLeadership } from '../shared/access.js';
import type { CoreContext } from '../shared/context.js';
import { forbidden } from '../shared/errors.js';
import type { MemberRow } from './member-by-telegram.js';

export interface TeamMember {
  member: Pick<MemberRow, 'id' | 'name' | 'username' | 'role' | 'active' | 'language' | 'timeZone'>;
  openLeads: number;
  overdueActivities: number;
}

/** The team with each member's load: for the owner and heads, who balance it. Active members first. */
export async function listTeam(ctx: CoreContext): Promise<TeamMember[]> {
  if (!isLeadership(ctx.actor)) throw forbidden('Only the owner and heads see the team');
  const now = ctx.now();
  const [rows, open, overdue] = await Promise.all([
    ctx.db.select().from(members),
    ctx.db
      .select({ id: leads.assigneeId, n: count() })
      .from(leads)
      .where(and(inArray(leads.status, OPEN_LEAD_STATUSES), isNotNull(leads.assigneeId)))
      .groupBy(leads.assigneeId),
    ctx.db
      .select({ id: activities.assigneeId, n: count() })
      .from(activities)
      .where(and(isNull(activities.doneAt), lt(activities.dueAt, now), isNotNull(activities.assigneeId)))
      .groupBy(activities.assigneeId),
  ]);
  const openBy = new Map(open.map((r) => [r.id, r.n]));
  const overdueBy = new Map(overdue.map((r) => [r.id, r.n]));
  const order = { owner: 0, head: 1, manager: 2 } as const;
  return rows
    .sort((a, b) => Number(b.active) - Number(a.active) || order[a.role] - order[b.role] || a.name.localeCompare(b.name))
    .map(({ id, name, username, role, active, language, timeZone }) => ({
      member: { id, name, username, role, active, language, timeZone },
      openLeads: openBy.get(id) ?? 0,
      overdueActivities: overdueBy.get(id) ?? 0,
    }));
}
