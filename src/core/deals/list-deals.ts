import { and, asc, count, eq, inArray, isNull, or, sql, sum, type SQL } from 'drizzle-orm';
import { OPEN_DEAL_STAGES, type ActivityKind, type DealStage } from '../../../db/enums.js';
import { activities, deals } from '../../../db/schema/index.js';
import { isLeadership, memberId } from '../shared/access.js';
import { inChunks } from '../shared/bound-params.js';
import type { CoreContext } from '../shared/context.js';

export interface DealListItem {
  id: string;
  number: number;
  title: string;
  stage: DealStage;
  amount: number;
  currency: string;
  assigneeId: string | null;
  next: { dueAt: Date; kind: ActivityKind; subject: string } | null;
}

export interface StageTotal {
  stage: DealStage;
  count: number;
  amount: number;
}

export interface DealList {
  deals: DealListItem[];
  /** Per open stage, over every deal the list covers (not only the first `limit`). */
  totals: StageTotal[];
  total: { count: number; amount: number };
}

/**
 * Open deals, the most urgent next step first (deals without one, which break the house rule, at the end).
 * A manager gets their own deals; heads and the owner get the whole team's unless they ask for `mine`.
 */
/** A deal as lists and cards show it in one line: number, title, stage, amount, owner. */
export const dealSummaryColumns = {
  id: deals.id,
  number: deals.number,
  title: deals.title,
  stage: deals.stage,
  amount: deals.amount,
  currency: deals.currency,
  assigneeId: deals.assigneeId,
};

export async function listDeals(ctx: CoreContext, opts: { scope?: 'mine' | 'all'; limit?: number } = {}): Promise<DealList> {
  const me = memberId(ctx.actor);
  const everyone = (opts.scope ?? (isLeadership(ctx.actor) ? 'all' : 'mine')) === 'all';
  const where = and(inArray(deals.stage, OPEN_DEAL_STAGES), scopeFilter(ctx, everyone, me));
  const nextDue = sql<number | null>`(SELECT MIN(${activities.dueAt}) FROM ${activities} WHERE ${activities.dealId} = ${deals.id} AND ${activities.doneAt} IS NULL)`;
  const rows = await ctx.db
    .select({ ...dealSummaryColumns, nextDue })
    .from(deals)
    .where(where)
    .orderBy(sql`${nextDue} IS NULL`, asc(nextDue), asc(deals.number))
    .limit(opts.limit ?? 50);
  const nextSteps = await earliestOpenActivities(ctx, rows.map((r) => r.id));
  const grouped = await ctx.db
    .select({ stage: deals.stage, count: count(), amount: sum(deals.amount) })
    .from(deals)
    .where(where)
    .groupBy(deals.stage);
  const totals = OPEN_DEAL_STAGES.map((stage) => {
    const g = grouped.find((row) => row.stage === stage);
    return { stage, count: g?.count ?? 0, amount: Number(g?.amount ?? 0) };
  });
  return {
    deals: rows.map(({ nextDue: _due, ...row }) => ({ ...row, next: nextSteps.get(row.id) ?? null })),
    totals,
    total: { count: totals.reduce((n, t) => n + t.count, 0), amount: totals.reduce((n, t) => n + t.amount, 0) },
  };
}

function scopeFilter(ctx: CoreContext, everyone: boolean, me: string | null): SQL | undefined {
  if (ctx.actor.kind === 'member' && !isLeadership(ctx.actor)) {
    // A manager's "all" is still only what they may see: their deals and the unassigned ones.
    return everyone ? or(eq(deals.assigneeId, me ?? ''), isNull(deals.assigneeId)) : eq(deals.assigneeId, me ?? '');
  }
  if (!everyone && me) return eq(deals.assigneeId, me);
  return undefined;
}

async function earliestOpenActivities(ctx: CoreContext, dealIds: string[]) {
  const map = new Map<string, NonNullable<DealListItem['next']>>();
  if (dealIds.length === 0) return map;
  // Chunked: D1 binds at most 100 parameters a statement (bound-params.ts); the sort is redone across chunks.
  const open = await inChunks(dealIds, (chunk) =>
    ctx.db
      .select({ dealId: activities.dealId, dueAt: activities.dueAt, kind: activities.kind, subject: activities.subject })
      .from(activities)
      .where(and(inArray(activities.dealId, chunk), isNull(activities.doneAt))),
  );
  open.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  for (const a of open) if (a.dealId && !map.has(a.dealId)) map.set(a.dealId, { dueAt: a.dueAt, kind: a.kind, subject: a.subject });
  return map;
}
