import type { CoreContext } from '../shared/context.js';
import { loadVisibleDeal } from './deal-access.js';
import { parseInput } from '../shared/validate.js';
import { requireMember } from '../leads/lead-access.js';
import { noteTextSchema } from '../shared/note-text.js';
import { historyEntry } from '../shared/records.js';


/**
 * A note is a line in the deal's timeline. Won and lost deals take notes too ("paid the second
 * invoice"): a note changes no figure a report was built on, so the closed-deal rule does not apply.
 */
export async function addDealNote(ctx: CoreContext, dealId: string, text: string): Promise<{ dealId: string; number: number; text: string }> {
  const actor = requireMember(ctx);
  const note = parseInput(noteTextSchema, text, 'note', { label: 'none' });
  const deal = await loadVisibleDeal(ctx, dealId);
  // The history row is the note itself: one statement, so there is no state without its trace.
  await historyEntry(ctx.db, { entityType: 'deal', entityId: dealId, action: 'note', actor, at: ctx.now(), changes: { text: note } });
  return { dealId, number: deal.number, text: note };
}
