import { eq } from 'drizzle-orm';
import * as z from 'zod';
import { LOST_REASONS } from '../../../db/enums.js';
import { deals } from '../../../db/schema/index.js';
import { runBatch } from '../shared/batch.js';
import { closeDealActivities } from './close-deal-activities.js';
import type { CoreContext } from '../shared/context.js';
import { assertDealOpen, loadVisibleDeal } from './deal-access.js';
import { diff, historyEntry } from '../shared/records.js';
import { parseInput } from '../shared/validate.js';

export const loseDealSchema = z.object({
  dealId: z.string().min(1),
  reason: z.enum(LOST_REASONS),
  note: z.string().trim().max(1000).optional(),
});
export type LoseDealInput = z.input<typeof loseDealSchema>;

/** Closes a deal as lost with a reason from the list, so the weekly report can count why deals are lost. */
export async function loseDeal(ctx: CoreContext, input: LoseDealInput): Promise<{ dealId: string }> {
  const { dealId, reason, note } = parseInput(loseDealSchema, input, 'lost deal');
  const deal = await loadVisibleDeal(ctx, dealId);
  assertDealOpen(deal);
  const now = ctx.now();
  const change = { stage: 'lost' as const, lostReason: reason, lostNote: note || null, closedAt: now };
  await runBatch(ctx.db, [
    ctx.db.update(deals).set({ ...change, updatedAt: now }).where(eq(deals.id, dealId)),
    closeDealActivities(ctx, dealId, 'deal_lost', now),
    historyEntry(ctx.db, { entityType: 'deal', entityId: dealId, action: 'lost', actor: ctx.actor, at: now, changes: diff(deal, change) }),
  ]);
  return { dealId };
}
