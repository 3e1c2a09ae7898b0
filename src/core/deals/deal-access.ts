import { eq } from 'drizzle-orm';
import { FINAL_DEAL_STAGES } from '../../../db/enums.js';
import { deals, type DealRow } from '../../../db/schema/index.js';
import { assertCanSee } from '../shared/access.js';
import type { CoreContext } from '../shared/context.js';
import { notFound, ruleBroken } from '../shared/errors.js';

/** The deal, if it exists and the actor may see it (a manager: own deals and the pool). */
export async function loadVisibleDeal(ctx: CoreContext, dealId: string): Promise<DealRow> {
  const [deal] = await ctx.db.select().from(deals).where(eq(deals.id, dealId)).limit(1);
  if (!deal) throw notFound('Deal');
  assertCanSee(ctx.actor, deal, 'deal');
  return deal;
}

export function isDealClosed(deal: Pick<DealRow, 'stage'>): boolean {
  return (FINAL_DEAL_STAGES as readonly string[]).includes(deal.stage);
}

/** Won and lost deals are history: changing them would rewrite the numbers reports were built on. */
export function assertDealOpen(deal: Pick<DealRow, 'stage' | 'number'>): void {
  if (isDealClosed(deal)) {
    throw ruleBroken('deal_closed', `Deal #${deal.number} is already ${deal.stage}`, { stage: deal.stage });
  }
}
