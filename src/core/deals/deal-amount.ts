import { and, eq, sql } from 'drizzle-orm';
import { dealItems, deals } from '../../../db/schema/index.js';
import type { CoreContext } from '../shared/context.js';

/** One line's total in minor units: quantity may be fractional (1.5 hours), money stays whole. */
export function lineTotal(item: { quantity: number; price: number }): number {
  return Math.round(item.quantity * item.price);
}

export function itemsTotal(items: readonly { quantity: number; price: number }[]): number {
  return items.reduce((sum, item) => sum + lineTotal(item), 0);
}

/**
 * The deal's amount follows its line items unless a person typed one (amount_manual).
 * Computed in SQL inside the same batch as the item change, so two edits at once still add up.
 */
export function syncDealAmount(ctx: CoreContext, dealId: string, at: Date) {
  return ctx.db
    .update(deals)
    .set({
      amount: sql`(SELECT COALESCE(SUM(CAST(ROUND(${dealItems.quantity} * ${dealItems.price}) AS INTEGER)), 0) FROM ${dealItems} WHERE ${dealItems.dealId} = ${dealId})`,
      updatedAt: at,
    })
    .where(and(eq(deals.id, dealId), eq(deals.amountManual, false)));
}
