import type { HistoryRow } from '../../../db/schema/index.js';
import type { CoreContext } from '../shared/context.js';
import { getLeadView, type LeadView } from './get-lead-view.js';
import { recordActivities, recordTimeline, type RecordActivities } from '../activities/record-activities.js';

export interface LeadRecord extends Omit<LeadView, 'recent'> {
  activities: RecordActivities;
  timeline: HistoryRow[];
  notes: HistoryRow[];
}

/** A lead with everything the Mini App's record page shows: card, allowed actions, activities, timeline and notes. */
export async function getLeadRecord(ctx: CoreContext, leadId: string): Promise<LeadRecord> {
  // getLeadView checks visibility first: nothing else is read for a lead the actor may not see.
  const { recent: _recent, ...view } = await getLeadView(ctx, leadId, 1);
  const [acts, lines] = await Promise.all([recordActivities(ctx, { leadId }), recordTimeline(ctx, 'lead', leadId)]);
  return { ...view, activities: acts, timeline: lines.timeline, notes: lines.notes };
}
