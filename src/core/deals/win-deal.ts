import { eq } from 'drizzle-orm';
import * as z from 'zod';
import { deals } from '../../../db/schema/index.js';
import { runBatch } from '../shared/batch.js';
import { closeDealActivities } from './close-deal-activities.js';
import type { CoreContext } from '../shared/context.js';
import { assertDealOpen, loadVisibleDeal } from './deal-access.js';
import { diff, historyEntry } from '../shared/records.js';
import { parseInput } from '../shared/validate.js';

export const winDealSchema = z.object({
  dealId: z.string().min(1),
  /** The confirmed amount in minor units; omitted means the current amount is confirmed as is. */
  amount: z.number().int().min(0).max(1e13).optional(),
  note: z.string().trim().max(1000).optional(),
});
export type WinDealInput = z.input<typeof winDealSchema>;

/** Closes a deal as won with its confirmed amount; open activities are closed with it. */
export async function winDeal(ctx: CoreContext, input: WinDealInput): Promise<{ dealId: string; amount: number }> {
  const { dealId, amount, note } = parseInput(winDealSchema, input, 'won deal');
  const deal = await loadVisibleDeal(ctx, dealId);
  assertDealOpen(deal);
  const now = ctx.now();
  const confirmed = amount ?? deal.amount;
  // A confirmed amount that differs from the computed one is a hand-set amount from now on.
  const manual = amount !== undefined && amount !== deal.amount ? true : deal.amountManual;
  const change = { stage: 'won' as const, amount: confirmed, amountManual: manual, closedAt: now };
  await runBatch(ctx.db, [
    ctx.db.update(deals).set({ ...change, updatedAt: now }).where(eq(deals.id, dealId)),
    closeDealActivities(ctx, dealId, 'deal_won', now),
    historyEntry(ctx.db, {
      entityType: 'deal',
      entityId: dealId,
      action: 'won',
      actor: ctx.actor,
      at: now,
      changes: { ...diff(deal, change), confirmedAmount: confirmed, ...(note ? { note } : {}) },
    }),
  ]);
  return { dealId, amount: confirmed };
}
