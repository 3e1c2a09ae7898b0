import type { HistoryRow } from '../../../db/schema/index.js';
import type { CoreContext } from '../shared/context.js';
import { loadVisibleLead } from './lead-access.js';
import { timelinePage, type HistoryPage } from '../shared/timeline-page.js';

export type { HistoryPage, HistoryRow };

/** A lead's timeline, newest first, a page at a time. */
export async function leadHistory(ctx: CoreContext, leadId: string, page: { offset?: number; limit?: number } = {}): Promise<HistoryPage> {
  await loadVisibleLead(ctx, leadId);
  return timelinePage(ctx.db, 'lead', leadId, page);
}
