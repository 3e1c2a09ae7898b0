import { asc, eq, sql } from 'drizzle-orm';
import { products, type ProductRow } from '../../../db/schema/index.js';
import type { CoreContext } from '../shared/context.js';

/** The catalogue by name (case-insensitively); archived products only when asked, for the owner's screen. */
export async function listProducts(ctx: CoreContext, opts: { includeArchived?: boolean } = {}): Promise<ProductRow[]> {
  const query = ctx.db.select().from(products);
  const filtered = opts.includeArchived ? query : query.where(eq(products.archived, false));
  return filtered.orderBy(sql`lower(${products.name})`, asc(products.id));
}
