import { sql, type SQL } from 'drizzle-orm';
import { OPEN_DEAL_STAGES, type Channel, type JunkReason, type LostReason } from '../../../db/enums.js';
import { assertTeamWide } from '../shared/access.js';
import type { CoreContext } from '../shared/context.js';

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
 * The owner's dashboard for a period, optionally narrowed to one manager and one channel. The cohort
 * is the leads created in the period (lead → deal → won); closed deals and junked leads count by
 * their closing time. Heads and the owner only, like the weekly report.
 */
export async function buildDashboard(ctx: CoreContext, filter: DashboardFilter): Promise<Dashboard> {
  assertTeamWide(ctx.actor, 'the dashboard');
  const from = filter.from.getTime();
  const to = filter.to.getTime();
  const managerId = filter.managerId ?? null;
  const channel = filter.channel ?? null;
  const all = (q: SQL) => ctx.db.all<Row>(q);
  const by = (alias: string): SQL =>
    sql.join(
      [
        managerId ? sql`${sql.raw(alias)}.assignee_id = ${managerId}` : sql`1 = 1`,
        channel ? sql`${sql.raw(alias)}.channel = ${channel}` : sql`1 = 1`,
      ],
      sql` AND `,
    );
  const lateBefore = ctx.now().getTime() - DAY_MS;

  const [cohort, lost, junk, touch, names, lateLeads, lateDeals] = await Promise.all([
    // One scan of the period's leads, grouped by channel and manager: the funnel and both breakdowns come from it.
    all(sql`SELECT l.channel AS channel, l.assignee_id AS memberId, count(*) AS leads, count(d.id) AS deals,
        sum(d.stage = 'won') AS won
      FROM leads l LEFT JOIN deals d ON d.lead_id = l.id
      WHERE l.created_at >= ${from} AND l.created_at < ${to} GROUP BY l.channel, l.assignee_id`),
    all(sql`SELECT d.lost_reason AS reason, count(*) AS n FROM deals d
      WHERE d.closed_at >= ${from} AND d.closed_at < ${to} AND d.stage = 'lost' AND ${by('d')}
      GROUP BY d.lost_reason ORDER BY n DESC, reason`),
    all(sql`SELECT l.junk_reason AS reason, count(*) AS n FROM leads l
      WHERE l.closed_at >= ${from} AND l.closed_at < ${to} AND l.status = 'junk' AND ${by('l')}
      GROUP BY l.junk_reason ORDER BY n DESC, reason`),
    all(sql`SELECT count(l.first_touched_at) AS touched, count(*) - count(l.first_touched_at) AS untouched
      FROM leads l WHERE l.created_at >= ${from} AND l.created_at < ${to} AND ${by('l')}`),
    all(sql`SELECT id, name FROM members`),
    all(lateLeadsQuery(filter, lateBefore, by('l'))),
    all(lateDealsQuery(filter, lateBefore, by('d'))),
  ]);

  const nameOf = new Map(names.map((m) => [String(m.id), String(m.name)]));
  const rows = cohort.map((r) => ({
    channel: r.channel as Channel,
    memberId: (r.memberId as string | null) ?? null,
    leads: num(r.leads),
    deals: num(r.deals),
    won: num(r.won),
  }));
  const matchManager = (r: (typeof rows)[number]) => !managerId || r.memberId === managerId;
  const matchChannel = (r: (typeof rows)[number]) => !channel || r.channel === channel;
  const byChannel = sumBy(rows.filter(matchManager), (r) => r.channel).map(([c, f]) => ({ channel: c, ...f }));
  const byManager = sumBy(rows.filter(matchChannel), (r) => r.memberId).map(([id, f]) => ({
    memberId: id,
    name: id ? (nameOf.get(id) ?? null) : null,
    ...f,
  }));
  const funnel = sumBy(
    rows.filter((r) => matchManager(r) && matchChannel(r)),
    () => 'all',
  )[0]?.[1] ?? { leads: 0, deals: 0, won: 0 };
  const touched = num(touch[0]?.touched);
  const leadsLate = num(lateLeads[0]?.n);
  const dealsLate = num(lateDeals[0]?.n);
  return {
    from: filter.from.toISOString(),
    to: filter.to.toISOString(),
    managerId,
    channel,
    funnel,
    byChannel,
    byManager,
    lostReasons: lost.map((r) => ({ reason: (r.reason as LostReason | null) ?? null, count: num(r.n) })),
    junkReasons: junk.map((r) => ({ reason: (r.reason as JunkReason | null) ?? null, count: num(r.n) })),
    firstTouch: {
      medianMinutes: touched ? await medianMinutes(ctx, from, to, touched, by('l')) : null,
      untouched: num(touch[0]?.untouched),
    },
    forgotten: { leads: leadsLate, deals: dealsLate, capped: leadsLate >= FORGOTTEN_CAP || dealsLate >= FORGOTTEN_CAP },
  };
}

/**
 * Open leads whose next step is over a day late, capped: the count is a warning, not a report. The team's
 * count walks the late steps from the index (stopping at the cap); one manager's walks their open leads
 * instead, since their late steps may be a few among the whole team's hundreds of thousands.
 */
function lateLeadsQuery(filter: DashboardFilter, lateBefore: number, where: SQL): SQL {
  if (filter.managerId)
    return sql`SELECT count(*) AS n FROM (SELECT 1 FROM leads l INDEXED BY leads_assignee
      WHERE ${where} AND l.status NOT IN ('converted', 'junk') AND EXISTS (SELECT 1 FROM activities a INDEXED BY activities_lead_open
        WHERE a.lead_id = l.id AND a.done_at IS NULL AND a.due_at < ${lateBefore}) LIMIT ${FORGOTTEN_CAP})`;
  return sql`SELECT count(*) AS n FROM (SELECT DISTINCT a.lead_id FROM activities a CROSS JOIN leads l ON l.id = a.lead_id
      WHERE a.done_at IS NULL AND a.due_at < ${lateBefore} AND a.deal_id IS NULL
        AND l.status NOT IN ('converted', 'junk') AND ${where} LIMIT ${FORGOTTEN_CAP})`;
}

/** Open deals whose next step is over a day late, capped; the same two ways as the leads. */
function lateDealsQuery(filter: DashboardFilter, lateBefore: number, where: SQL): SQL {
  if (filter.managerId)
    return sql`SELECT count(*) AS n FROM (SELECT 1 FROM deals d INDEXED BY deals_stage_assignee_amount
      WHERE d.stage IN ${OPEN_DEAL_STAGES} AND ${where} AND EXISTS (SELECT 1 FROM activities a INDEXED BY activities_deal_open
        WHERE a.deal_id = d.id AND a.done_at IS NULL AND a.due_at < ${lateBefore}) LIMIT ${FORGOTTEN_CAP})`;
  return sql`SELECT count(*) AS n FROM (SELECT DISTINCT a.deal_id FROM activities a INDEXED BY activities_deal_next
      CROSS JOIN deals d ON d.id = a.deal_id
      WHERE a.done_at IS NULL AND a.deal_id IS NOT NULL AND a.due_at < ${lateBefore}
        AND d.stage NOT IN ('won', 'lost') AND ${where} LIMIT ${FORGOTTEN_CAP})`;
}

function sumBy<R extends FunnelRow, K>(rows: R[], key: (r: R) => K): [K, FunnelRow][] {
  const out = new Map<K, FunnelRow>();
  for (const r of rows) {
    const k = key(r);
    const f = out.get(k) ?? { leads: 0, deals: 0, won: 0 };
    f.leads += r.leads;
    f.deals += r.deals;
    f.won += r.won;
    out.set(k, f);
  }
  return [...out.entries()].sort((a, b) => b[1].leads - a[1].leads);
}

/** SQLite has no median(): skip to the middle of the sorted delays (two rows when the count is even). */
async function medianMinutes(ctx: Pick<CoreContext, 'db'>, from: number, to: number, count: number, where: SQL): Promise<number> {
  const rows = await ctx.db.all<Row>(sql`SELECT l.first_touched_at - l.created_at AS d FROM leads l
    WHERE l.created_at >= ${from} AND l.created_at < ${to} AND l.first_touched_at IS NOT NULL AND ${where}
    ORDER BY d LIMIT ${2 - (count % 2)} OFFSET ${Math.floor((count - 1) / 2)}`);
  const mid = rows.reduce((s, r) => s + num(r.d), 0) / Math.max(1, rows.length);
  return Math.round((mid / 60_000) * 10) / 10;
}
