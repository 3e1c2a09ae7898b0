import { and, count, desc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import type { EntityType } from '../../../db/enums.js';
import { history, type HistoryRow } from '../../../db/schema/index.js';

export type { HistoryRow };

export interface HistoryPage {
  items: HistoryRow[];
  total: number;
  offset: number;
  limit: number;
}

/**
 * One page of a record's timeline, newest first. The caller checks visibility first: this reads
 * whatever it is asked for, so lead and deal timelines page the same way.
 */
export async function timelinePage(
  db: Db,
  entityType: EntityType,
  entityId: string,
  page: { offset?: number; limit?: number } = {},
): Promise<HistoryPage> {
  const limit = Math.min(Math.max(page.limit ?? 10, 1), 50);
  const offset = Math.max(page.offset ?? 0, 0);
  const where = and(eq(history.entityType, entityType), eq(history.entityId, entityId));
  const [items, [total]] = await Promise.all([
    db.select().from(history).where(where).orderBy(desc(history.createdAt), desc(history.id)).limit(limit).offset(offset),
    db.select({ n: count() }).from(history).where(where),
  ]);
  return { items, total: total?.n ?? 0, offset, limit };
}
