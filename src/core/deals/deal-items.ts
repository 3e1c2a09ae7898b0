import { eq } from 'drizzle-orm';
import * as z from 'zod';
import { dealItems, type DealRow } from '../../../db/schema/index.js';
import { runBatch } from '../shared/batch.js';
import type { CoreContext } from '../shared/context.js';
import { lineTotal, syncDealAmount } from './deal-amount.js';
import { assertDealOpen, loadVisibleDeal } from './deal-access.js';
import { CrmError, notFound, ruleBroken } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { loadProduct } from '../products/product-access.js';
import { diff, historyEntry } from '../shared/records.js';
import { parseInput } from '../shared/validate.js';

const quantity = z.number().positive().max(1e6);
const price = z.number().int().min(0).max(1e13);

export const addDealItemSchema = z
  .object({
    dealId: z.string().min(1),
    /** From the catalogue; or a one-off line with `name` and `price`. */
    productId: z.string().min(1).optional(),
    name: z.string().trim().min(1).max(200).optional(),
    quantity: quantity.default(1),
    /** Per-deal price in minor units; defaults to the catalogue price. */
    price: price.optional(),
  })
  .refine((v) => v.productId || (v.name && v.price !== undefined), 'a line needs a product, or a name and a price');

export const updateDealItemSchema = z.object({ itemId: z.string().min(1), quantity: quantity.optional(), price: price.optional() });

export async function addDealItem(ctx: CoreContext, input: z.input<typeof addDealItemSchema>): Promise<{ itemId: string }> {
  const opts = parseInput(addDealItemSchema, input, 'line item');
  const deal = await openDeal(ctx, opts.dealId);
  const product = opts.productId ? await loadProduct(ctx, opts.productId) : null;
  if (product?.archived) throw ruleBroken('product_archived', `"${product.name}" is archived`);
  if (product && product.currency !== deal.currency) {
    throw new CrmError('VALIDATION', `"${product.name}" is priced in ${product.currency}, the deal in ${deal.currency}`);
  }
  const item = {
    name: opts.name ?? product!.name,
    quantity: opts.quantity,
    price: opts.price ?? product!.price,
  };
  const now = ctx.now();
  const itemId = newId();
  await runBatch(ctx.db, [
    ctx.db.insert(dealItems).values({ id: itemId, dealId: deal.id, productId: product?.id ?? null, ...item, createdAt: now, updatedAt: now }),
    syncDealAmount(ctx, deal.id, now),
    historyEntry(ctx.db, { entityType: 'deal', entityId: deal.id, action: 'item_added', actor: ctx.actor, at: now, changes: { ...item, itemId, total: lineTotal(item) } }),
  ]);
  return { itemId };
}

export async function updateDealItem(ctx: CoreContext, input: z.input<typeof updateDealItemSchema>): Promise<{ changed: string[] }> {
  const { itemId, ...patch } = parseInput(updateDealItemSchema, input, 'line item');
  const { item, deal } = await loadItem(ctx, itemId);
  const changes = diff(item, patch);
  if (Object.keys(changes).length === 0) return { changed: [] };
  const now = ctx.now();
  await runBatch(ctx.db, [
    ctx.db.update(dealItems).set({ ...patch, updatedAt: now }).where(eq(dealItems.id, itemId)),
    syncDealAmount(ctx, deal.id, now),
    historyEntry(ctx.db, { entityType: 'deal', entityId: deal.id, action: 'item_changed', actor: ctx.actor, at: now, changes: { name: item.name, itemId, ...changes } }),
  ]);
  return { changed: Object.keys(changes) };
}

export async function removeDealItem(ctx: CoreContext, itemId: string): Promise<void> {
  const { item, deal } = await loadItem(ctx, itemId);
  const now = ctx.now();
  await runBatch(ctx.db, [
    ctx.db.delete(dealItems).where(eq(dealItems.id, itemId)),
    syncDealAmount(ctx, deal.id, now),
    historyEntry(ctx.db, {
      entityType: 'deal',
      entityId: deal.id,
      action: 'item_removed',
      actor: ctx.actor,
      at: now,
      changes: { itemId, name: item.name, quantity: item.quantity, price: item.price },
    }),
  ]);
}

async function openDeal(ctx: CoreContext, dealId: string): Promise<DealRow> {
  const deal = await loadVisibleDeal(ctx, dealId);
  assertDealOpen(deal);
  return deal;
}

async function loadItem(ctx: CoreContext, itemId: string) {
  const [item] = await ctx.db.select().from(dealItems).where(eq(dealItems.id, itemId)).limit(1);
  if (!item) throw notFound('Line item');
  return { item, deal: await openDeal(ctx, item.dealId) };
}

/** A line item and its deal, for a screen that starts from the item (the actor must see the deal). */
export async function getDealItem(ctx: CoreContext, itemId: string) {
  const [item] = await ctx.db.select().from(dealItems).where(eq(dealItems.id, itemId)).limit(1);
  if (!item) throw notFound('Line item');
  await loadVisibleDeal(ctx, item.dealId);
  return item;
}
