import { and, asc, count, eq, inArray, isNull } from 'drizzle-orm';
import { OPEN_LEAD_STATUSES } from '../../../db/enums.js';
import { leads, members } from '../../../db/schema/index.js';
import type { CoreContext } from '../shared/context.js';
import { requireMember } from './lead-access.js';

export const POOL_PAGE_SIZE = 8;

export interface PoolItem {
  id: string;
  number: number;
  name: string | null;
  channel: string;
  source: string | null;
  utmSource: string | null;
  comment: string | null;
  createdAt: Date;
}

/**
 * The pool: open leads nobody has taken, oldest first, a page at a time. Every member sees it and
 * may take from it; leads that arrived quietly (an imported base) wait here without a card each.
 */
export async function listPool(ctx: CoreContext, opts: { offset?: number; limit?: number } = {}): Promise<{ items: PoolItem[]; total: number; offset: number }> {
  requireMember(ctx);
  const where = and(inArray(leads.status, OPEN_LEAD_STATUSES), isNull(leads.assigneeId));
  const [total] = await ctx.db.select({ n: count() }).from(leads).where(where);
  const n = total?.n ?? 0;
  const limit = opts.limit ?? POOL_PAGE_SIZE;
  const offset = Math.max(0, Math.min(opts.offset ?? 0, Math.max(0, n - 1)));
  const items = await ctx.db
    .select({
      id: leads.id, number: leads.number, name: leads.name, channel: leads.channel, source: leads.source,
      utmSource: leads.utmSource, comment: leads.comment, createdAt: leads.createdAt,
    })
    .from(leads)
    .where(where)
    .orderBy(asc(leads.createdAt), asc(leads.number))
    .limit(limit)
    .offset(offset);
  return { items, total: n, offset };
}

export type TeamCardLead = Awaited<ReturnType<typeof teamCardLeads>>[number];

/** What a team-chat card needs of each lead it lists, whatever their state now. */
export async function teamCardLeads(ctx: Pick<CoreContext, 'db'>, ids: string[]) {
  if (ids.length === 0) return [];
  const rows = await ctx.db
    .select({
      id: leads.id, number: leads.number, name: leads.name, channel: leads.channel, source: leads.source,
      utmSource: leads.utmSource, comment: leads.comment, createdAt: leads.createdAt, status: leads.status,
      assigneeId: leads.assigneeId, assigneeName: members.name, firstTouchedAt: leads.firstTouchedAt, email: leads.email,
      phone: leads.phone, phoneRaw: leads.phoneRaw,
    })
    .from(leads)
    .leftJoin(members, eq(members.id, leads.assigneeId))
    // D1 binds at most 100 parameters a statement; a card lists far fewer leads.
    .where(inArray(leads.id, ids.slice(0, 100)));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r) => r !== undefined);
}
