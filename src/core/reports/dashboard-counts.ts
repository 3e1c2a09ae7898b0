import { sql, type SQL } from 'drizzle-orm';
import { CHANNELS } from '../../../db/enums.js';
import type { CoreContext } from '../shared/context.js';

const DAY_MS = 86_400_000;
type Row = Record<string, unknown>;
const num = (v: unknown) => Number(v ?? 0);

/** The period's leads by (channel, assignee): created, with a deal, won, touched. */
export interface CohortCell {
  channel: string;
  memberId: string | null;
  leads: number;
  deals: number;
  won: number;
  touched: number;
}

export interface PeriodCounts {
  /** Within the chosen manager (or all), by channel. */
  byChannel: CohortCell[];
  /** Within the chosen channel (or all), by manager; memberId null is "nobody". */
  byManager: CohortCell[];
  /** Both filters applied. */
  total: Omit<CohortCell, 'channel' | 'memberId'>;
  /** The period's leads with no filter: what sorting its delays would scan. */
  allLeads: number;
  lost: Map<string | null, number>;
  junk: Map<string | null, number>;
}

export interface CountsFilter {
  from: number;
  to: number;
  managerId: string | null;
  channel: string | null;
  /** The clock: nothing is created after it, so the rest of today needs no reading. */
  now: number;
}

/** A stretch of raw rows to add (sign 1) or take away (sign -1). */
export interface RawPiece {
  from: number;
  to: number;
  sign: 1 | -1;
}

/**
 * [from, to) as whole UTC days [days[0], days[1]) read from the dashboard_* tables the triggers keep, plus or
 * minus raw rows at the ends, so the sums equal a scan of the raw rows. A partial day at an end is either
 * its own raw rows, or its whole day from the counts minus the raw rest of that day, whichever is shorter;
 * the rest of today after `now` is empty, so a period ending now costs no raw rows at its end. The raw rows
 * read are at most half a day at each end.
 */
export function planPeriod(from: number, to: number, now: number): { days: [number, number] | null; raw: RawPiece[] } {
  const d0 = Math.ceil(from / DAY_MS);
  const d1 = Math.floor(to / DAY_MS);
  if (d0 > d1) return { days: null, raw: from < to ? [{ from, to, sign: 1 }] : [] };
  let [first, last] = [d0, d1];
  const raw: RawPiece[] = [];
  if (from < d0 * DAY_MS) {
    const restBefore = from - (d0 - 1) * DAY_MS;
    if (restBefore < d0 * DAY_MS - from) {
      first = d0 - 1;
      raw.push({ from: (d0 - 1) * DAY_MS, to: from, sign: -1 });
    } else raw.push({ from, to: d0 * DAY_MS, sign: 1 });
  }
  if (d1 * DAY_MS < to) {
    const restAfter = to >= now ? 0 : (d1 + 1) * DAY_MS - to;
    if (restAfter < to - d1 * DAY_MS) {
      last = d1 + 1;
      raw.push({ from: to, to: (d1 + 1) * DAY_MS, sign: -1 });
    } else raw.push({ from: d1 * DAY_MS, to, sign: 1 });
  }
  return { days: first < last ? [first, last] : null, raw };
}

/** The pieces of SQL both readers below share. */
function parts(f: CountsFilter) {
  const { days, raw } = planPeriod(f.from, f.to, f.now);
  const within = (col: string, pieces: RawPiece[]) =>
    sql.join(
      pieces.map((p) => sql`(${sql.raw(col)} >= ${p.from} AND ${sql.raw(col)} < ${p.to})`),
      sql` OR `,
    );
  const minus = raw.filter((p) => p.sign < 0);
  return {
    raw: raw.length > 0,
    assignee: f.managerId ?? '*',
    channel: f.channel ?? '*',
    inDays: days ? sql`day >= ${days[0]} AND day < ${days[1]}` : null,
    inRaw: (col: string) => within(col, raw),
    /** 1 for a row to add, -1 for one to take away. */
    sign: (col: string) => (minus.length ? sql`CASE WHEN ${within(col, minus)} THEN -1 ELSE 1 END` : sql`1`),
    // The edges are read by the time index: a manager's or channel's all-time rows outnumber an edge's.
    by: (alias: string): SQL => filterWhere(alias, f, { offIndex: true }),
  };
}

/**
 * The manager and channel filter on a table alias. With `offIndex` each term is written `+column`, which
 * SQLite cannot answer from an index, so the planner keeps to the time index; without it the terms can be
 * the key of an assignee or channel index (the late counts pick one with INDEXED BY).
 */
export function filterWhere(alias: string, f: Pick<CountsFilter, 'managerId' | 'channel'>, opts: { offIndex: boolean }): SQL {
  const column = (name: string) => sql.raw(`${opts.offIndex ? '+' : ''}${alias}.${name}`);
  return sql.join(
    [
      f.managerId ? sql`${column('assignee_id')} = ${f.managerId}` : sql`1 = 1`,
      f.channel ? sql`${column('channel')} = ${f.channel}` : sql`1 = 1`,
    ],
    sql` AND `,
  );
}

const none = Promise.resolve([] as Row[]);

export async function countPeriod(ctx: Pick<CoreContext, 'db'>, f: CountsFilter): Promise<PeriodCounts> {
  const all = (q: SQL) => ctx.db.all<Row>(q);
  const { raw, assignee, channel, inDays, inRaw, sign, by } = parts(f);
  const sums = sql`sum(leads) AS leads, sum(deals) AS deals, sum(won) AS won, sum(touched) AS touched`;
  const channels = sql.join(
    [...CHANNELS, '*'].map((c) => sql`${c}`),
    sql`, `,
  );

  const [dayChannels, dayManagers, dayAll, dayClosed, edgeCells, edgeLost, edgeJunk] = await Promise.all([
    inDays
      ? all(
          sql`SELECT channel, ${sums} FROM dashboard_lead_days WHERE assignee_id = ${assignee} AND channel IN (${channels}) AND ${inDays} GROUP BY channel`,
        )
      : none,
    inDays
      ? all(sql`SELECT assignee_id AS memberId, ${sums} FROM dashboard_lead_days
          WHERE assignee_id IN (SELECT id FROM members UNION ALL SELECT '') AND channel = ${channel} AND ${inDays} GROUP BY assignee_id`)
      : none,
    inDays && assignee !== '*'
      ? all(sql`SELECT sum(leads) AS leads FROM dashboard_lead_days WHERE assignee_id = '*' AND channel = '*' AND ${inDays}`)
      : none,
    inDays
      ? all(sql`SELECT kind, reason, sum(count) AS n FROM dashboard_closed_days
          WHERE assignee_id = ${assignee} AND channel = ${channel} AND kind IN ('lost', 'junk') AND ${inDays} GROUP BY kind, reason`)
      : none,
    raw
      ? all(sql`SELECT channel, memberId, sum(s) AS leads, sum(s * deal) AS deals, sum(s * won) AS won, sum(s * touched) AS touched
          FROM (SELECT l.channel AS channel, l.assignee_id AS memberId, ${sign('l.created_at')} AS s, d.id IS NOT NULL AS deal,
              coalesce(d.stage = 'won', 0) AS won, l.first_touched_at IS NOT NULL AS touched
            FROM leads l LEFT JOIN deals d ON d.lead_id = l.id WHERE ${inRaw('l.created_at')})
          GROUP BY channel, memberId`)
      : none,
    raw
      ? all(sql`SELECT d.lost_reason AS reason, sum(${sign('d.closed_at')}) AS n FROM deals d
          WHERE (${inRaw('d.closed_at')}) AND d.stage = 'lost' AND ${by('d')} GROUP BY d.lost_reason`)
      : none,
    raw
      ? all(sql`SELECT l.junk_reason AS reason, sum(${sign('l.closed_at')}) AS n FROM leads l
          WHERE (${inRaw('l.closed_at')}) AND l.status = 'junk' AND ${by('l')} GROUP BY l.junk_reason`)
      : none,
  ]);

  const cell = (r: Row, channel: string, memberId: string | null): CohortCell => ({
    channel,
    memberId,
    leads: num(r.leads),
    deals: num(r.deals),
    won: num(r.won),
    touched: num(r.touched),
  });
  const edge = edgeCells.map((r) => cell(r, String(r.channel), (r.memberId as string | null) ?? null));
  const ofManager = (c: CohortCell) => !f.managerId || c.memberId === f.managerId;
  const ofChannel = (c: CohortCell) => !f.channel || c.channel === f.channel;

  const byChannel = [
    ...dayChannels.filter((r) => r.channel !== '*').map((r) => cell(r, String(r.channel), null)),
    ...edge.filter(ofManager),
  ];
  const byManager = [...dayManagers.map((r) => cell(r, '', r.memberId ? String(r.memberId) : null)), ...edge.filter(ofChannel)];
  const total = [
    ...dayChannels.filter((r) => r.channel === channel).map((r) => cell(r, '', null)),
    ...edge.filter((c) => ofManager(c) && ofChannel(c)),
  ];

  const lost = new Map<string | null, number>();
  const junk = new Map<string | null, number>();
  const add = (m: Map<string | null, number>, reason: unknown, n: number) => {
    const key = reason ? String(reason) : null;
    m.set(key, (m.get(key) ?? 0) + n);
  };
  for (const r of dayClosed) add(r.kind === 'lost' ? lost : junk, r.reason, num(r.n));
  for (const r of edgeLost) add(lost, r.reason, num(r.n));
  for (const r of edgeJunk) add(junk, r.reason, num(r.n));

  const dayAllLeads = assignee === '*' ? num(dayChannels.find((r) => r.channel === '*')?.leads) : num(dayAll[0]?.leads);
  return {
    byChannel,
    byManager,
    total: total.reduce(
      (s, c) => ({ leads: s.leads + c.leads, deals: s.deals + c.deals, won: s.won + c.won, touched: s.touched + c.touched }),
      {
        leads: 0,
        deals: 0,
        won: 0,
        touched: 0,
      },
    ),
    allLeads: dayAllLeads + edge.reduce((s, c) => s + c.leads, 0),
    lost,
    junk,
  };
}

/** Touched leads (both filters) by delay bucket: whole days from dashboard_touch_days, the raw ends bucketed as the triggers do. */
export async function countTouchBuckets(ctx: Pick<CoreContext, 'db'>, f: CountsFilter): Promise<Map<number, number>> {
  const { raw, assignee, channel, inDays, inRaw, sign, by } = parts(f);
  const [days, delays] = await Promise.all([
    inDays
      ? ctx.db.all<Row>(sql`SELECT bucket, sum(count) AS n FROM dashboard_touch_days
          WHERE assignee_id = ${assignee} AND channel = ${channel} AND ${inDays} GROUP BY bucket`)
      : none,
    raw
      ? ctx.db
          .all<Row>(sql`SELECT coalesce((SELECT max(b.lo) FROM dashboard_touch_buckets b WHERE b.lo <= l.first_touched_at - l.created_at), 0)
            AS bucket, sum(${sign('l.created_at')}) AS n
          FROM leads l WHERE (${inRaw('l.created_at')}) AND l.first_touched_at IS NOT NULL AND ${by('l')} GROUP BY 1`)
      : none,
  ]);
  const buckets = new Map<number, number>();
  for (const r of [...days, ...delays]) buckets.set(num(r.bucket), (buckets.get(num(r.bucket)) ?? 0) + num(r.n));
  return buckets;
}
