import { eq } from 'drizzle-orm';
import { products, type ProductRow } from '../../../db/schema/index.js';
import type { Actor, CoreContext } from '../shared/context.js';
import { forbidden, notFound } from '../shared/errors.js';

/** The catalogue is the owner's price list: managers pick from it and adjust prices per deal only. */
export function assertCatalogueOwner(actor: Actor): void {
  const allowed = (actor.kind === 'member' && actor.role === 'owner') || actor.kind === 'system';
  if (!allowed) throw forbidden('Only the owner manages the product catalogue');
}

export async function loadProduct(ctx: CoreContext, productId: string): Promise<ProductRow> {
  const [product] = await ctx.db.select().from(products).where(eq(products.id, productId)).limit(1);
  if (!product) throw notFound('Product');
  return product;
}
