import * as z from 'zod';
import { products } from '../../../db/schema/index.js';
import { runBatch } from '../shared/batch.js';
import type { CoreContext } from '../shared/context.js';
import { newId } from '../shared/ids.js';
import { historyEntry } from '../shared/records.js';
import { parseInput } from '../shared/validate.js';
import { assertCatalogueOwner } from './product-access.js';

export const productSchema = z.object({
  name: z.string().trim().min(1).max(200),
  description: z.string().trim().max(2000).optional(),
  /** Minor units (kopecks): 150 000 ₽ is 15_000_000. */
  price: z.number().int().min(0).max(1e13),
  currency: z.string().length(3).toUpperCase().default('RUB'),
  unit: z.string().trim().min(1).max(30).optional(),
});
export type ProductInput = z.input<typeof productSchema>;

export async function addProduct(ctx: CoreContext, input: ProductInput): Promise<{ id: string }> {
  assertCatalogueOwner(ctx.actor);
  const product = parseInput(productSchema, input, 'product');
  return { id: await insertProducts(ctx, [product]).then((ids) => ids[0]!) };
}

/** Inserts products with their history lines in one batch; returns their ids in order. */
export async function insertProducts(ctx: CoreContext, list: z.output<typeof productSchema>[]): Promise<string[]> {
  const now = ctx.now();
  const ids = list.map(() => newId());
  await runBatch(
    ctx.db,
    list.flatMap((p, i) => [
      ctx.db.insert(products).values({
        id: ids[i]!,
        name: p.name,
        description: p.description ?? null,
        price: p.price,
        currency: p.currency,
        unit: p.unit ?? null,
        createdAt: now,
        updatedAt: now,
      }),
      historyEntry(ctx.db, {
        entityType: 'product',
        entityId: ids[i]!,
        action: 'created',
        actor: ctx.actor,
        at: now,
        changes: { name: p.name, price: p.price, currency: p.currency },
      }),
    ]),
  );
  return ids;
}
