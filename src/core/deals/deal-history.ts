import type { DealRow } from '../../../db/schema/index.js';
import type { CoreContext } from '../shared/context.js';
import { loadVisibleDeal } from './deal-access.js';
import { timelinePage, type HistoryPage } from '../shared/timeline-page.js';

/** A deal's timeline, newest first, a page at a time; the deal comes along for the page's title. */
export async function dealHistory(
  ctx: CoreContext,
  dealId: string,
  page: { offset?: number; limit?: number } = {},
): Promise<HistoryPage & { deal: DealRow }> {
  const deal = await loadVisibleDeal(ctx, dealId);
  return { deal, ...(await timelinePage(ctx.db, 'deal', dealId, page)) };
}
