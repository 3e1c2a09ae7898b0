import { sql, type SQL } from 'drizzle-orm';
import type { ActivityKind, DealStage } from '../../../db/enums.js';
import type { CoreContext } from '../shared/context.js';

export interface BoardCard {
  id: string;
  number: number;
  title: string;
  amount: number;
  currency: string;
  assigneeId: string | null;
  assigneeName: string | null;
  client: string | null;
  company: string | null;
  next: { kind: ActivityKind; subject: string; dueAt: string } | null;
  /** The next step is past due, or there is none at all (the house rule broken). */
  overdue: boolean;
}

type Row = Record<string, unknown>;

/**
 * Up to this many deals in a column, cards come in the exact order: deals with no next step first
 * (the house rule broken), then by the soonest next step. That order needs one probe per deal of the
 * column, which stays a few milliseconds here; above it (a 90,000-deal column of the 1M-lead
 * benchmark took 1.4 s) the column walks the open deal steps by due time instead and stops after a
 * page: the same soonest-first order, but deals with no next step are left to the forgotten-records
 * count of the dashboard and the sweep, since finding them needs that one probe per deal.
 */
export const EXACT_ORDER_MAX = 2000;

/** The card's columns, with its next step as one string from the (deal_id, done_at, due_at) index. */
const cardSelect = sql`SELECT d.id, d.number, d.title, d.amount, d.currency, d.assignee_id AS assigneeId,
    m.name AS assigneeName, c.name AS client, co.name AS company,
    (SELECT a.due_at || '|' || a.kind || '|' || a.subject FROM activities a INDEXED BY activities_deal_open
      WHERE a.deal_id = d.id AND a.done_at IS NULL ORDER BY a.due_at LIMIT 1) AS next
  FROM deals d
  LEFT JOIN members m ON m.id = d.assignee_id
  LEFT JOIN contacts c ON c.id = d.contact_id
  LEFT JOIN companies co ON co.id = d.company_id`;

/** One page of a column's cards; `count` is the column's size in scope, known from the totals. */
export async function stageCards(
  ctx: CoreContext,
  q: { stage: DealStage; scope: SQL; count: number; limit: number; offset: number },
): Promise<BoardCard[]> {
  const now = ctx.now().getTime();
  if (q.count <= EXACT_ORDER_MAX) {
    // INDEXED BY: with no ANALYZE statistics SQLite would probe the (done_at, due_at) index over every open step instead.
    const rows = await ctx.db.all<Row>(sql`${cardSelect}
      WHERE d.stage = ${q.stage} AND ${q.scope}
      ORDER BY next IS NULL DESC, next, d.number
      LIMIT ${q.limit} OFFSET ${q.offset}`);
    return rows.map((r) => toCard(r, now));
  }
  const ids = (await soonestDeals(ctx, q.stage, q.scope, q.offset + q.limit)).slice(q.offset);
  if (ids.length === 0) return [];
  const rows = await ctx.db.all<Row>(sql`${cardSelect} WHERE d.id IN ${ids}`);
  const byId = new Map(rows.map((r) => [String(r.id), r]));
  return ids.flatMap((id) => (byId.has(id) ? [toCard(byId.get(id)!, now)] : []));
}

/**
 * The first `wanted` deals of a column by their soonest open step, walking open deal steps by due time
 * (a partial index) and keeping those whose deal is in the column. CROSS JOIN keeps the walk outermost.
 * A deal with several open steps shows up once per step, so the walk asks for more when it must.
 */
async function soonestDeals(ctx: CoreContext, stage: DealStage, scope: SQL, wanted: number): Promise<string[]> {
  for (let take = wanted * 2; ; take *= 4) {
    const rows = await ctx.db.all<Row>(sql`SELECT a.deal_id AS id FROM activities a INDEXED BY activities_deal_next
      CROSS JOIN deals d ON d.id = a.deal_id
      WHERE a.done_at IS NULL AND a.deal_id IS NOT NULL AND d.stage = ${stage} AND ${scope}
      ORDER BY a.due_at LIMIT ${take}`);
    const ids = [...new Set(rows.map((r) => String(r.id)))];
    if (ids.length >= wanted || rows.length < take) return ids.slice(0, wanted);
  }
}

function toCard(r: Row, now: number): BoardCard {
  const next = parseNext(r.next);
  return {
    id: String(r.id),
    number: Number(r.number),
    title: String(r.title),
    amount: Number(r.amount),
    currency: String(r.currency),
    assigneeId: (r.assigneeId as string | null) ?? null,
    assigneeName: (r.assigneeName as string | null) ?? null,
    client: (r.client as string | null) ?? null,
    company: (r.company as string | null) ?? null,
    next,
    overdue: next === null || Date.parse(next.dueAt) < now,
  };
}

function parseNext(value: unknown): BoardCard['next'] {
  if (typeof value !== 'string') return null;
  const [due, kind, ...subject] = value.split('|');
  return { dueAt: new Date(Number(due)).toISOString(), kind: kind as ActivityKind, subject: subject.join('|') };
}
