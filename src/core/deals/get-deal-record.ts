import type { HistoryRow } from '../../../db/schema/index.js';
import type { CoreContext } from '../shared/context.js';
import { getDealCard, type DealCard } from './get-deal-card.js';
import { recordActivities, recordTimeline, type RecordActivities } from '../activities/record-activities.js';

export interface DealRecord extends Omit<DealCard, 'history'> {
  activities: RecordActivities;
  timeline: HistoryRow[];
  notes: HistoryRow[];
}

/** A deal with everything the Mini App's record page shows: card, line items, activities, timeline and notes. */
export async function getDealRecord(ctx: CoreContext, dealId: string): Promise<DealRecord> {
  // getDealCard checks visibility first: nothing else is read for a deal the actor may not see.
  const { history: _recent, ...card } = await getDealCard(ctx, dealId, { historyLines: 1 });
  const [acts, lines] = await Promise.all([recordActivities(ctx, { dealId }), recordTimeline(ctx, 'deal', dealId)]);
  return { ...card, activities: acts, timeline: lines.timeline, notes: lines.notes };
}
