import { and, count, desc, eq } from 'drizzle-orm';
import { history, type HistoryRow } from '../../db/schema/index.js';
import type { CoreContext } from './context.js';
import { loadVisibleLead } from './lead-access.js';

export type { HistoryRow };

export interface HistoryPage {
  items: HistoryRow[];
  total: number;
  offset: number;
  limit: number;
}

/** A lead's timeline, newest first, a page at a time. */
export async function leadHistory(ctx: CoreContext, leadId: string, page: { offset?: number; limit?: number } = {}): Promise<HistoryPage> {
  await loadVisibleLead(ctx, leadId);
  const limit = Math.min(Math.max(page.limit ?? 10, 1), 50);
  const offset = Math.max(page.offset ?? 0, 0);
  const where = and(eq(history.entityType, 'lead'), eq(history.entityId, leadId));
  const [items, [total]] = await Promise.all([
    ctx.db.select().from(history).where(where).orderBy(desc(history.createdAt), desc(history.id)).limit(limit).offset(offset),
    ctx.db.select({ n: count() }).from(history).where(where),
  ]);
  return { items, total: total?.n ?? 0, offset, limit };
}
