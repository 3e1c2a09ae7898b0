import { sql } from 'drizzle-orm';
import type { Channel, JunkReason, LostReason } from '../../../db/enums.js';
import { assertTeamWide } from '../shared/access.js';
import type { CoreContext } from '../shared/context.js';

/** Every number the weekly report shows; JSON-safe, so it travels in an outbox payload as is. */
export interface ConversionReport {
  from: string;
  to: string;
  leads: { total: number; converted: number };
  /** New leads in the period by channel, and how many of them became a deal (by report time). */
  byChannel: { channel: Channel; leads: number; converted: number }[];
  byManager: { memberId: string | null; name: string | null; leads: number; converted: number; overdue: number }[];
  /** Deals closed in the period; amounts in minor units per currency. */
  deals: {
    won: { count: number; amounts: { currency: string; amount: number }[] };
    lost: { count: number; amounts: { currency: string; amount: number }[] };
    lostReasons: { reason: LostReason | null; count: number }[];
  };
  /** Median of first_touched_at - created_at over the period's touched leads; null when none. */
  medianFirstTouchMinutes: number | null;
  untouched: number;
  /** Open activities past due at the end of the period (or now), per assignee. */
  overdueTotal: number;
  junkReasons: { reason: JunkReason | null; count: number }[];
}

type Row = Record<string, unknown>;
const num = (v: unknown) => Number(v ?? 0);

/**
 * Pure aggregates, each one range scan: leads by created_at, deals by closed_at, leads junked by
 * closed_at, open activities by (done_at, due_at). Conversion is a cohort: leads created in the
 * period that have a deal, probed through the deals (lead_id) index.
 */
export async function buildConversionReport(ctx: Pick<CoreContext, 'db' | 'now' | 'actor'>, period: { from: Date; to: Date }): Promise<ConversionReport> {
  assertTeamWide(ctx.actor, 'the conversion report');
  const from = period.from.getTime();
  const to = period.to.getTime();
  const asOf = Math.min(to, ctx.now().getTime());
  const all = (q: ReturnType<typeof sql>) => ctx.db.all<Row>(q);

  const [channels, managers, closed, lostReasons, touch, overdue, junk, names] = await Promise.all([
    all(sql`SELECT channel, count(*) AS leads,
        sum(EXISTS (SELECT 1 FROM deals d WHERE d.lead_id = l.id)) AS converted
      FROM leads l WHERE l.created_at >= ${from} AND l.created_at < ${to} GROUP BY channel ORDER BY leads DESC, channel`),
    all(sql`SELECT assignee_id AS memberId, count(*) AS leads,
        sum(EXISTS (SELECT 1 FROM deals d WHERE d.lead_id = l.id)) AS converted
      FROM leads l WHERE l.created_at >= ${from} AND l.created_at < ${to} GROUP BY assignee_id`),
    all(sql`SELECT stage, currency, count(*) AS n, sum(amount) AS amount FROM deals
      WHERE closed_at >= ${from} AND closed_at < ${to} AND stage IN ('won', 'lost') GROUP BY stage, currency ORDER BY currency`),
    all(sql`SELECT lost_reason AS reason, count(*) AS n FROM deals
      WHERE closed_at >= ${from} AND closed_at < ${to} AND stage = 'lost' GROUP BY lost_reason ORDER BY n DESC, reason`),
    all(sql`SELECT count(first_touched_at) AS touched, count(*) - count(first_touched_at) AS untouched
      FROM leads WHERE created_at >= ${from} AND created_at < ${to}`),
    // Per member, so each count is an exact range of activities_assignee_due (assignee, done_at, due_at).
    // A GROUP BY over all open activities lets the planner pick (done_at, due_at), whose statistics
    // cannot see that NULL done_at is the one huge value: 40x slower on the 3M-activity bench.
    all(sql`SELECT m.id AS memberId, (SELECT count(*) FROM activities a
        WHERE a.assignee_id = m.id AND a.done_at IS NULL AND a.due_at < ${asOf}) AS n FROM members m
      UNION ALL SELECT NULL, (SELECT count(*) FROM activities a
        WHERE a.assignee_id IS NULL AND a.done_at IS NULL AND a.due_at < ${asOf})`),
    all(sql`SELECT junk_reason AS reason, count(*) AS n FROM leads
      WHERE closed_at >= ${from} AND closed_at < ${to} AND status = 'junk' GROUP BY junk_reason ORDER BY n DESC, reason`),
    all(sql`SELECT id, name FROM members`),
  ]);

  const touched = num(touch[0]?.touched);
  const median = touched ? await medianMinutes(ctx, from, to, touched) : null;
  const nameOf = new Map(names.map((m) => [String(m.id), String(m.name)]));
  const overdueOf = new Map(overdue.filter((o) => num(o.n) > 0).map((o) => [o.memberId as string | null, num(o.n)]));

  const byManager = new Map<string | null, ConversionReport['byManager'][number]>();
  for (const m of managers) {
    const id = (m.memberId as string | null) ?? null;
    byManager.set(id, { memberId: id, name: id ? nameOf.get(id) ?? null : null, leads: num(m.leads), converted: num(m.converted), overdue: 0 });
  }
  for (const [id, n] of overdueOf) {
    const row = byManager.get(id) ?? { memberId: id, name: id ? nameOf.get(id) ?? null : null, leads: 0, converted: 0, overdue: 0 };
    row.overdue = n;
    byManager.set(id, row);
  }

  const byChannel = channels.map((c) => ({ channel: c.channel as Channel, leads: num(c.leads), converted: num(c.converted) }));
  const side = (stage: 'won' | 'lost') => {
    const rows = closed.filter((r) => r.stage === stage);
    return {
      count: rows.reduce((s, r) => s + num(r.n), 0),
      amounts: rows.map((r) => ({ currency: String(r.currency), amount: num(r.amount) })),
    };
  };
  return {
    from: period.from.toISOString(),
    to: period.to.toISOString(),
    leads: { total: byChannel.reduce((s, c) => s + c.leads, 0), converted: byChannel.reduce((s, c) => s + c.converted, 0) },
    byChannel,
    byManager: [...byManager.values()].sort((a, b) => b.leads - a.leads || b.overdue - a.overdue || (a.name ?? '').localeCompare(b.name ?? '')),
    deals: {
      won: side('won'),
      lost: side('lost'),
      lostReasons: lostReasons.map((r) => ({ reason: (r.reason as LostReason | null) ?? null, count: num(r.n) })),
    },
    medianFirstTouchMinutes: median,
    untouched: num(touch[0]?.untouched),
    overdueTotal: [...overdueOf.values()].reduce((s, n) => s + n, 0),
    junkReasons: junk.map((r) => ({ reason: (r.reason as JunkReason | null) ?? null, count: num(r.n) })),
  };
}

/** SQLite has no median(): skip to the middle of the sorted delays (two rows when the count is even). */
async function medianMinutes(ctx: Pick<CoreContext, 'db'>, from: number, to: number, count: number): Promise<number> {
  const rows = await ctx.db.all<Row>(sql`SELECT first_touched_at - created_at AS d FROM leads
    WHERE created_at >= ${from} AND created_at < ${to} AND first_touched_at IS NOT NULL
    ORDER BY d LIMIT ${2 - (count % 2)} OFFSET ${Math.floor((count - 1) / 2)}`);
  const mid = rows.reduce((s, r) => s + num(r.d), 0) / Math.max(1, rows.length);
  return Math.round((mid / 60_000) * 10) / 10;
}
