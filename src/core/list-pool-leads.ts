import { and, asc, count, inArray, isNull } from 'drizzle-orm';
import { OPEN_LEAD_STATUSES, type Channel } from '../../db/enums.js';
import { leads } from '../../db/schema/index.js';
import type { CoreContext } from './context.js';
import { requireMember } from './lead-access.js';

export interface PoolItem {
  id: string;
  number: number;
  name: string | null;
  companyName: string | null;
  channel: Channel;
  createdAt: string;
}

/** Open leads nobody has taken, oldest first (the one waiting longest is taken first); every member sees the pool. */
export async function listPoolLeads(ctx: CoreContext, opts: { limit?: number } = {}): Promise<{ items: PoolItem[]; total: number }> {
  requireMember(ctx);
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 200);
  const where = and(inArray(leads.status, OPEN_LEAD_STATUSES), isNull(leads.assigneeId));
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({
        id: leads.id,
        number: leads.number,
        name: leads.name,
        companyName: leads.companyName,
        channel: leads.channel,
        createdAt: leads.createdAt,
      })
      .from(leads)
      .where(where)
      .orderBy(asc(leads.createdAt), asc(leads.number))
      .limit(limit),
    ctx.db.select({ n: count() }).from(leads).where(where),
  ]);
  return { items: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })), total: total?.n ?? 0 };
}
