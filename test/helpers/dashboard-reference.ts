import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Dashboard, DashboardFilter } from '../../src/core/reports/build-dashboard.js';

type Row = Record<string, unknown>;
const num = (v: unknown) => Number(v ?? 0);
const byKey = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1);

export type DashboardFigures = Pick<Dashboard, 'funnel' | 'byChannel' | 'byManager' | 'lostReasons' | 'junkReasons' | 'firstTouch'>;

/** The figures buildDashboard shows, minus the late counts (not per period). */
export const figuresOf = (d: Dashboard): DashboardFigures => ({
  funnel: d.funnel,
  byChannel: d.byChannel,
  byManager: d.byManager,
  lostReasons: d.lostReasons,
  junkReasons: d.junkReasons,
  firstTouch: d.firstTouch,
});

/**
 * The dashboard's figures straight from the raw rows: the queries buildDashboard ran before the per-day
 * counts existed. The per-day counts must always add up to exactly these.
 */
export async function rawDashboardFigures(db: Db, filter: DashboardFilter): Promise<DashboardFigures> {
  const from = filter.from.getTime();
  const to = filter.to.getTime();
  const managerId = filter.managerId ?? null;
  const channel = filter.channel ?? null;
  const all = (q: SQL) => db.all<Row>(q);
  const by = (alias: string): SQL =>
    sql.join(
      [
        managerId ? sql`${sql.raw(alias)}.assignee_id = ${managerId}` : sql`1 = 1`,
        channel ? sql`${sql.raw(alias)}.channel = ${channel}` : sql`1 = 1`,
      ],
      sql` AND `,
    );
  const cohort = await all(sql`SELECT l.channel AS channel, l.assignee_id AS memberId, count(*) AS leads, count(d.id) AS deals,
      coalesce(sum(d.stage = 'won'), 0) AS won
    FROM leads l LEFT JOIN deals d ON d.lead_id = l.id
    WHERE l.created_at >= ${from} AND l.created_at < ${to} GROUP BY l.channel, l.assignee_id`);
  const lost = await all(sql`SELECT d.lost_reason AS reason, count(*) AS n FROM deals d
    WHERE d.closed_at >= ${from} AND d.closed_at < ${to} AND d.stage = 'lost' AND ${by('d')}
    GROUP BY d.lost_reason ORDER BY n DESC, reason`);
  const junk = await all(sql`SELECT l.junk_reason AS reason, count(*) AS n FROM leads l
    WHERE l.closed_at >= ${from} AND l.closed_at < ${to} AND l.status = 'junk' AND ${by('l')}
    GROUP BY l.junk_reason ORDER BY n DESC, reason`);
  const [touch] = await all(sql`SELECT count(l.first_touched_at) AS touched, count(*) - count(l.first_touched_at) AS untouched
    FROM leads l WHERE l.created_at >= ${from} AND l.created_at < ${to} AND ${by('l')}`);
  const delays = await all(sql`SELECT l.first_touched_at - l.created_at AS d FROM leads l
    WHERE l.created_at >= ${from} AND l.created_at < ${to} AND l.first_touched_at IS NOT NULL AND ${by('l')} ORDER BY d`);
  const names = new Map((await all(sql`SELECT id, name FROM members`)).map((m) => [String(m.id), String(m.name)]));

  const rows = cohort.map((r) => ({
    channel: String(r.channel),
    memberId: (r.memberId as string | null) ?? null,
    leads: num(r.leads),
    deals: num(r.deals),
    won: num(r.won),
  }));
  const group = <K extends string | null>(rs: typeof rows, key: (r: (typeof rows)[number]) => K) => {
    const out = new Map<K, { leads: number; deals: number; won: number }>();
    for (const r of rs) {
      const f = out.get(key(r)) ?? { leads: 0, deals: 0, won: 0 };
      out.set(key(r), { leads: f.leads + r.leads, deals: f.deals + r.deals, won: f.won + r.won });
    }
    return [...out].sort((a, b) => b[1].leads - a[1].leads || byKey(a[0], b[0]));
  };
  const ofManager = (r: (typeof rows)[number]) => !managerId || r.memberId === managerId;
  const ofChannel = (r: (typeof rows)[number]) => !channel || r.channel === channel;
  const mid = delays.length ? (num(delays[(delays.length - 1) >> 1]!.d) + num(delays[delays.length >> 1]!.d)) / 2 : null;
  return {
    funnel: group(
      rows.filter((r) => ofManager(r) && ofChannel(r)),
      () => 'all',
    )[0]?.[1] ?? { leads: 0, deals: 0, won: 0 },
    byChannel: group(rows.filter(ofManager), (r) => r.channel).map(([c, f]) => ({
      channel: c as Dashboard['byChannel'][number]['channel'],
      ...f,
    })),
    byManager: group(rows.filter(ofChannel), (r) => r.memberId).map(([id, f]) => ({
      memberId: id,
      name: id ? (names.get(id) ?? null) : null,
      ...f,
    })),
    lostReasons: lost.map((r) => ({ reason: (r.reason as Dashboard['lostReasons'][number]['reason']) ?? null, count: num(r.n) })),
    junkReasons: junk.map((r) => ({ reason: (r.reason as Dashboard['junkReasons'][number]['reason']) ?? null, count: num(r.n) })),
    firstTouch: { medianMinutes: mid === null ? null : Math.round((mid / 60_000) * 10) / 10, untouched: num(touch?.untouched) },
  };
}
