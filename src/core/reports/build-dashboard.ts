import { sql, type SQL } from 'drizzle-orm';
import { OPEN_DEAL_STAGES, OPEN_LEAD_STATUSES, type Channel, type JunkReason, type LostReason } from '../../../db/enums.js';
import { assertTeamWide } from '../shared/access.js';
import type { CoreContext } from '../shared/context.js';
import { countPeriod, countTouchBuckets, filterWhere, type CohortCell } from './dashboard-counts.js';
import { medianOfBuckets } from './touch-buckets.js';

export interface DashboardFilter {
  from: Date;
  to: Date;
  managerId?: string | null;
  channel?: Channel | null;
}

export interface FunnelRow {
  leads: number;
  deals: number;
  won: number;
}

export interface Dashboard {
  from: string;
  to: string;
  managerId: string | null;
  channel: Channel | null;
  /** Leads created in the period, how many became a deal, how many of those deals are won. */
  funnel: FunnelRow;
  /** Conversion by channel within the chosen manager; by manager within the chosen channel. */
  byChannel: (FunnelRow & { channel: Channel })[];
  byManager: (FunnelRow & { memberId: string | null; name: string | null })[];
  lostReasons: { reason: LostReason | null; count: number }[];
  junkReasons: { reason: JunkReason | null; count: number }[];
  firstTouch: { medianMinutes: number | null; untouched: number };
  /** Open leads and deals whose next step is over a day late; counts stop at FORGOTTEN_CAP. */
  forgotten: { leads: number; deals: number; capped: boolean };
}

type Row = Record<string, unknown>;
const num = (v: unknown) => Number(v ?? 0);
export const FORGOTTEN_CAP = 1000;
const DAY_MS = 86_400_000;
/**
 * Up to this many leads in the period (all of them: sorting scans the period whatever the filter), the
 * first-touch median is exact, by sorting the delays; above it, it comes from the delay histogram the
 * triggers keep (see touch-buckets.ts for its precision). 10,000 leads sort in a few ms.
 */
export const EXACT_MEDIAN_LEADS = 10_000;

/**
 * The owner's dashboard for a period, optionally narrowed to one manager and one channel. The cohort
 * is the leads created in the period (lead → deal → won); closed deals and junked leads count by
 * their closing time. Heads and the owner only, like the weekly report. Whole UTC days are read from
 * the per-day counts the triggers keep (dashboard-counts.ts), so a 90-day period costs as little as a day.
 */
export async function buildDashboard(
  ctx: CoreContext,
  filter: DashboardFilter,
  opts: { exactMedianLeads?: number } = {},
): Promise<Dashboard> {
  assertTeamWide(ctx.actor, 'the dashboard');
  const from = filter.from.getTime();
  const to = filter.to.getTime();
  const managerId = filter.managerId ?? null;
  const channel = filter.channel ?? null;
  const all = (q: SQL) => ctx.db.all<Row>(q);
  const by = (alias: string): SQL => filterWhere(alias, { managerId, channel }, { offIndex: false });
  const lateBefore = ctx.now().getTime() - DAY_MS;
  const period = { from, to, managerId, channel, now: ctx.now().getTime() };

  const [counts, names, lateLeads, lateDeals] = await Promise.all([
    countPeriod(ctx, period),
    all(sql`SELECT id, name FROM members`),
    all(lateLeadsQuery(filter, lateBefore, by('l'))),
    all(lateDealsQuery(filter, lateBefore, by('d'))),
  ]);

  const nameOf = new Map(names.map((m) => [String(m.id), String(m.name)]));
  const byChannel = sumBy(counts.byChannel, (r) => r.channel as Channel).map(([c, f]) => ({ channel: c, ...f }));
  const byManager = sumBy(counts.byManager, (r) => r.memberId).map(([id, f]) => ({
    memberId: id,
    name: id ? (nameOf.get(id) ?? null) : null,
    ...f,
  }));
  const { leads, deals, won, touched } = counts.total;
  let medianMinutes: number | null = null;
  if (touched) {
    const exact = counts.allLeads <= (opts.exactMedianLeads ?? EXACT_MEDIAN_LEADS);
    const ms = exact ? await sortedMedian(ctx, from, to, touched, by('l')) : medianOfBuckets(await countTouchBuckets(ctx, period));
    medianMinutes = ms === null ? null : Math.round((ms / 60_000) * 10) / 10;
  }
  const leadsLate = num(lateLeads[0]?.n);
  const dealsLate = num(lateDeals[0]?.n);
  return {
    from: filter.from.toISOString(),
    to: filter.to.toISOString(),
    managerId,
    channel,
    funnel: { leads, deals, won },
    byChannel,
    byManager,
    lostReasons: reasons(counts.lost) as Dashboard['lostReasons'],
    junkReasons: reasons(counts.junk) as Dashboard['junkReasons'],
    firstTouch: { medianMinutes, untouched: leads - touched },
    forgotten: { leads: leadsLate, deals: dealsLate, capped: leadsLate >= FORGOTTEN_CAP || dealsLate >= FORGOTTEN_CAP },
  };
}

/** Most frequent first; ties by reason, none first (as SQL's ORDER BY n DESC, reason). */
function reasons(counts: Map<string | null, number>): { reason: string | null; count: number }[] {
  return [...counts]
    .filter(([, n]) => n > 0)
    .map(([reason, count]) => ({ reason, count }))
    .sort((a, b) => b.count - a.count || compareKeys(a.reason, b.reason));
}

const compareKeys = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1);

/**
 * Open leads whose next step is over a day late, capped: the count is a warning, not a report. The team's
 * count walks the late steps from the index (stopping at the cap); one manager's walks their open leads
 * (by status and assignee: a manager's closed leads are most of theirs) instead, since their late steps may be a few among the whole team's hundreds of thousands.
 */
function lateLeadsQuery(filter: DashboardFilter, lateBefore: number, where: SQL): SQL {
  if (filter.managerId)
    return sql`SELECT count(*) AS n FROM (SELECT 1 FROM leads l INDEXED BY leads_status_assignee
      WHERE l.status IN ${OPEN_LEAD_STATUSES} AND ${where} AND EXISTS (SELECT 1 FROM activities a INDEXED BY activities_lead_open
        WHERE a.lead_id = l.id AND a.done_at IS NULL AND a.due_at < ${lateBefore}) LIMIT ${FORGOTTEN_CAP})`;
  return sql`SELECT count(*) AS n FROM (SELECT DISTINCT a.lead_id FROM activities a CROSS JOIN leads l ON l.id = a.lead_id
      WHERE a.done_at IS NULL AND a.due_at < ${lateBefore} AND a.deal_id IS NULL
        AND l.status NOT IN ('converted', 'junk') AND ${where} LIMIT ${FORGOTTEN_CAP})`;
}

/**
 * Open deals whose next step is over a day late, capped. The team's count walks the late steps (stopping at
 * the cap); one manager's or one channel's walks their open deals by an index that holds the id the step
 * lookup needs (a channel's late steps are a seventh of the team's, so walking the steps read 7,000 for 1,000).
 */
function lateDealsQuery(filter: DashboardFilter, lateBefore: number, where: SQL): SQL {
  const index = filter.managerId ? sql`deals_assignee_open` : filter.channel ? sql`deals_channel_open` : null;
  if (index)
    return sql`SELECT count(*) AS n FROM (SELECT 1 FROM deals d INDEXED BY ${index}
      WHERE d.stage IN ${OPEN_DEAL_STAGES} AND ${where} AND EXISTS (SELECT 1 FROM activities a INDEXED BY activities_deal_open
        WHERE a.deal_id = d.id AND a.done_at IS NULL AND a.due_at < ${lateBefore}) LIMIT ${FORGOTTEN_CAP})`;
  return sql`SELECT count(*) AS n FROM (SELECT DISTINCT a.deal_id FROM activities a INDEXED BY activities_deal_next
      CROSS JOIN deals d ON d.id = a.deal_id
      WHERE a.done_at IS NULL AND a.deal_id IS NOT NULL AND a.due_at < ${lateBefore}
        AND d.stage NOT IN ('won', 'lost') AND ${where} LIMIT ${FORGOTTEN_CAP})`;
}

/** Groups with at least one lead, most leads first; ties by key, none first. */
function sumBy<K extends string | null>(rows: CohortCell[], key: (r: CohortCell) => K): [K, FunnelRow][] {
  const out = new Map<K, FunnelRow>();
  for (const r of rows) {
    const k = key(r);
    const f = out.get(k) ?? { leads: 0, deals: 0, won: 0 };
    f.leads += r.leads;
    f.deals += r.deals;
    f.won += r.won;
    out.set(k, f);
  }
  return [...out.entries()].filter(([, f]) => f.leads > 0).sort((a, b) => b[1].leads - a[1].leads || compareKeys(a[0], b[0]));
}

/** SQLite has no median(): skip to the middle of the sorted delays (two rows when the count is even). */
async function sortedMedian(ctx: Pick<CoreContext, 'db'>, from: number, to: number, count: number, where: SQL): Promise<number> {
  const rows = await ctx.db.all<Row>(sql`SELECT l.first_touched_at - l.created_at AS d FROM leads l
    WHERE l.created_at >= ${from} AND l.created_at < ${to} AND l.first_touched_at IS NOT NULL AND ${where}
    ORDER BY d LIMIT ${2 - (count % 2)} OFFSET ${Math.floor((count - 1) / 2)}`);
  return rows.reduce((s, r) => s + num(r.d), 0) / Math.max(1, rows.length);
}
