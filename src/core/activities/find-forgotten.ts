import { and, asc, inArray, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { OPEN_DEAL_STAGES, OPEN_LEAD_STATUSES } from '../../../db/enums.js';
import { activities, deals, leads } from '../../../db/schema/index.js';
import { assertTeamWide } from '../shared/access.js';
import { untakenPoolLeads, type PoolLead } from '../leads/untaken-pool-leads.js';
import { agendaItems, type AgendaItem } from './agenda.js';
import type { CoreContext } from '../shared/context.js';

/** An open lead or deal with no dated next step: the house rule broken, by data or by hand. */
export interface StalledRecord {
  type: 'lead' | 'deal';
  id: string;
  number: number;
  name: string | null;
  assigneeId: string | null;
  updatedAt: string;
}

export interface Forgotten {
  noNextActivity: StalledRecord[];
  /** Activities overdue by more than a day. */
  longOverdue: (AgendaItem & { assigneeId: string | null })[];
  /** Pool leads nobody took within FIRST_CONTACT_MINUTES. */
  untakenPool: PoolLead[];
}

const DAY_MS = 86_400_000;

/**
 * The sweep's three questions, each one indexed query: open records with no open activity
 * (status index + the activities (lead_id, done_at) probe), activities late by over a day
 * (done_at, due_at), pool leads older than the first-contact limit.
 */
export async function findForgotten(ctx: CoreContext, opts: { limit?: number } = {}): Promise<Forgotten> {
  assertTeamWide(ctx.actor, 'the forgotten-lead audit');
  const { db } = ctx;
  const now = ctx.now();
  const limit = opts.limit ?? 2_000;

  const stalledLeads = await stalled(ctx, STALLED_LEADS, limit);
  const stalledDeals = await stalled(ctx, STALLED_DEALS, limit);

  const lateWhere = and(isNull(activities.doneAt), lt(activities.dueAt, new Date(now.getTime() - DAY_MS)));
  const late = await db
    .select({ id: activities.id, assigneeId: activities.assigneeId })
    .from(activities)
    .where(lateWhere)
    .orderBy(asc(activities.dueAt))
    .limit(limit);
  // The same rows as a subquery rather than their ids bound one by one: up to `limit` (2,000) ids
  // would pass D1's 100 bound parameters a statement (bound-params.ts).
  const lateIds = db.select({ id: activities.id }).from(activities).where(lateWhere).orderBy(asc(activities.dueAt)).limit(limit);
  const items = late.length ? await agendaItems(ctx, inArray(activities.id, lateIds), limit) : [];
  const owner = new Map(late.map((l) => [l.id, l.assigneeId]));

  const pool = await untakenPoolLeads(ctx, { limit, includeEscalated: true });

  return {
    noNextActivity: [...stalledLeads, ...stalledDeals],
    longOverdue: items.map((i) => ({ ...i, assigneeId: owner.get(i.activityId) ?? null })),
    untakenPool: pool,
  };
}

/**
 * Where stalled records of one kind are looked for: the open ones (by the status or stage index)
 * with no open activity (probing activities' (lead_id, done_at) or (deal_id, done_at) index).
 */
interface StalledSource {
  type: StalledRecord['type'];
  table: typeof leads | typeof deals;
  name: typeof leads.name | typeof deals.title;
  open: SQL;
  /** The activities column that points at this kind of record, as the index names it. */
  activityKey: SQL;
}

const STALLED_LEADS: StalledSource = {
  type: 'lead',
  table: leads,
  name: leads.name,
  open: inArray(leads.status, OPEN_LEAD_STATUSES),
  activityKey: sql.raw('a.lead_id'),
};

const STALLED_DEALS: StalledSource = {
  type: 'deal',
  table: deals,
  name: deals.title,
  open: inArray(deals.stage, OPEN_DEAL_STAGES),
  activityKey: sql.raw('a.deal_id'),
};

async function stalled(ctx: CoreContext, source: StalledSource, limit: number): Promise<StalledRecord[]> {
  const { table } = source;
  const rows = await ctx.db
    .select({ id: table.id, number: table.number, name: source.name, assigneeId: table.assigneeId, updatedAt: table.updatedAt })
    .from(table)
    .where(and(source.open, sql`NOT EXISTS (SELECT 1 FROM activities a WHERE ${source.activityKey} = ${table.id} AND a.done_at IS NULL)`))
    .orderBy(asc(table.number))
    .limit(limit);
  return rows.map((r) => ({ type: source.type, ...r, updatedAt: r.updatedAt.toISOString() }));
}

/** What one manager is asked to fix. */
export interface ForgottenDigest {
  noNextActivity: StalledRecord[];
  longOverdue: AgendaItem[];
}

export function digestFor(forgotten: Forgotten, memberId: string): ForgottenDigest {
  return {
    noNextActivity: forgotten.noNextActivity.filter((r) => r.assigneeId === memberId),
    longOverdue: forgotten.longOverdue.filter((a) => a.assigneeId === memberId).map(({ assigneeId: _a, ...item }) => item),
  };
}

/** The heads' and owner's view: counts per manager, the pool, and what has nobody at all. */
export interface ForgottenSummary {
  perMember: { memberId: string; noNextActivity: number; longOverdue: number }[];
  unassignedNoNextActivity: number;
  untakenPool: PoolLead[];
}

export function summarize(forgotten: Forgotten): ForgottenSummary {
  const per = new Map<string, { memberId: string; noNextActivity: number; longOverdue: number }>();
  const row = (id: string) => per.get(id) ?? (per.set(id, { memberId: id, noNextActivity: 0, longOverdue: 0 }), per.get(id)!);
  let unassigned = 0;
  for (const r of forgotten.noNextActivity) {
    if (r.assigneeId) row(r.assigneeId).noNextActivity++;
    else unassigned++;
  }
  for (const a of forgotten.longOverdue) if (a.assigneeId) row(a.assigneeId).longOverdue++;
  return { perMember: [...per.values()], unassignedNoNextActivity: unassigned, untakenPool: forgotten.untakenPool };
}

export const isEmptyDigest = (d: ForgottenDigest) => d.noNextActivity.length === 0 && d.longOverdue.length === 0;
export const isEmptySummary = (s: ForgottenSummary) =>
  s.perMember.length === 0 && s.unassignedNoNextActivity === 0 && s.untakenPool.length === 0;
