import { and, asc, count, eq, inArray, isNull, lt, type SQL } from 'drizzle-orm';
import { OPEN_LEAD_STATUSES, type ActivityKind } from '../../../db/enums.js';
import { activities, deals, leads } from '../../../db/schema/index.js';
import type { CoreContext } from '../shared/context.js';

/** One line of a list a member gets: the activity and the lead or deal it moves forward. */
export interface AgendaItem {
  activityId: string;
  kind: ActivityKind;
  subject: string;
  /** ISO time; outbox payloads are JSON. */
  dueAt: string;
  /** `phone` (E.164) is absent from items queued before it was added. */
  lead: { id: string; number: number; name: string | null; phone?: string | null } | null;
  deal: { id: string; number: number; title: string } | null;
}

type AgendaRow = {
  activityId: string;
  kind: ActivityKind;
  subject: string;
  dueAt: Date;
  leadId: string | null;
  leadNumber: number | null;
  leadName: string | null;
  leadPhone: string | null;
  dealId: string | null;
  dealNumber: number | null;
  dealTitle: string | null;
};

/** An activity with the lead or deal it belongs to (both left-joined), as every agenda line shows it. */
export const agendaColumns = {
  activityId: activities.id,
  kind: activities.kind,
  subject: activities.subject,
  dueAt: activities.dueAt,
  leadId: leads.id,
  leadNumber: leads.number,
  leadName: leads.name,
  leadPhone: leads.phone,
  dealId: deals.id,
  dealNumber: deals.number,
  dealTitle: deals.title,
};

/** Open activities matching `where`, soonest first, with their lead or deal; at most `limit`. */
export async function agendaItems(ctx: Pick<CoreContext, 'db'>, where: SQL | undefined, limit: number): Promise<AgendaItem[]> {
  const rows: AgendaRow[] = await ctx.db
    .select(agendaColumns)
    .from(activities)
    .leftJoin(leads, eq(leads.id, activities.leadId))
    .leftJoin(deals, eq(deals.id, activities.dealId))
    .where(and(isNull(activities.doneAt), where))
    .orderBy(asc(activities.dueAt))
    .limit(limit);
  return rows.map(toItem);
}

export function toItem(r: AgendaRow): AgendaItem {
  return {
    activityId: r.activityId,
    kind: r.kind,
    subject: r.subject,
    dueAt: r.dueAt.toISOString(),
    lead: r.leadId && r.leadNumber !== null ? { id: r.leadId, number: r.leadNumber, name: r.leadName, phone: r.leadPhone } : null,
    deal: r.dealId && r.dealNumber !== null ? { id: r.dealId, number: r.dealNumber, title: r.dealTitle ?? '' } : null,
  };
}

export interface MorningList {
  overdue: AgendaItem[];
  today: AgendaItem[];
  /** Items beyond the shown ones: a Telegram message holds about 4,000 characters. */
  more: number;
}

/** Overdue activities first, then the rest of the member's day (due before `dayEnd`). */
export async function buildMorningList(
  ctx: Pick<CoreContext, 'db'>,
  memberId: string,
  opts: { now: Date; dayEnd: Date; limit?: number },
): Promise<MorningList> {
  const limit = opts.limit ?? 30;
  const mine = and(eq(activities.assigneeId, memberId), lt(activities.dueAt, opts.dayEnd));
  const items = await agendaItems(ctx, mine, limit);
  const [total] = await ctx.db
    .select({ n: count() })
    .from(activities)
    .where(and(mine, isNull(activities.doneAt)));
  const nowMs = opts.now.getTime();
  return {
    overdue: items.filter((i) => Date.parse(i.dueAt) < nowMs),
    today: items.filter((i) => Date.parse(i.dueAt) >= nowMs),
    more: Math.max(0, (total?.n ?? 0) - items.length),
  };
}

/** Open leads nobody has taken yet. */
export async function countPoolLeads(ctx: Pick<CoreContext, 'db'>): Promise<number> {
  const [row] = await ctx.db
    .select({ n: count() })
    .from(leads)
    .where(and(inArray(leads.status, OPEN_LEAD_STATUSES), isNull(leads.assigneeId)));
  return row?.n ?? 0;
}
