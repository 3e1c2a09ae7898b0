import { eq } from 'drizzle-orm';
import * as z from 'zod';
import { products } from '../../../db/schema/index.js';
import { runBatch } from '../shared/batch.js';
import type { CoreContext } from '../shared/context.js';
import { diff, historyEntry } from '../shared/records.js';
import { parseInput } from '../shared/validate.js';
import { assertCatalogueOwner, loadProduct } from './product-access.js';

export const updateProductSchema = z.object({
  productId: z.string().min(1),
  name: z.string().trim().min(1).max(200).optional(),
  description: z.string().trim().max(2000).nullable().optional(),
  price: z.number().int().min(0).max(1e13).optional(),
  unit: z.string().trim().min(1).max(30).nullable().optional(),
  /** false brings an archived product back into the catalogue. */
  archived: z.boolean().optional(),
});
export type UpdateProductInput = z.input<typeof updateProductSchema>;

/**
 * Edits a catalogue entry. Deals keep the name and price copied into their line items,
 * so a new price applies to new items only and sent proposals stay true.
 */
export async function updateProduct(ctx: CoreContext, input: UpdateProductInput): Promise<{ changed: string[] }> {
  assertCatalogueOwner(ctx.actor);
  const { productId, ...patch } = parseInput(updateProductSchema, input, 'product');
  const product = await loadProduct(ctx, productId);
  const changes = diff(product, patch);
  if (Object.keys(changes).length === 0) return { changed: [] };
  const now = ctx.now();
  const action = patch.archived === true ? 'archived' : patch.archived === false ? 'restored' : 'updated';
  await runBatch(ctx.db, [
    ctx.db.update(products).set({ ...patch, updatedAt: now }).where(eq(products.id, productId)),
    historyEntry(ctx.db, { entityType: 'product', entityId: productId, action, actor: ctx.actor, at: now, changes }),
  ]);
  return { changed: Object.keys(changes) };
}

export const archiveProduct = (ctx: CoreContext, productId: string) => updateProduct(ctx, { productId, archived: true });
export const setProductPrice = (ctx: CoreContext, productId: string, price: number) => updateProduct(ctx, { productId, price });
