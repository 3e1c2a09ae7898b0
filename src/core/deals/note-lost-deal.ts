import { eq } from 'drizzle-orm';
import * as z from 'zod';
import { deals } from '../../../db/schema/index.js';
import { runBatch } from '../shared/batch.js';
import type { CoreContext } from '../shared/context.js';
import { loadVisibleDeal } from './deal-access.js';
import { ruleBroken } from '../shared/errors.js';
import { historyEntry } from '../shared/records.js';
import { parseInput } from '../shared/validate.js';

/**
 * How long after a loss its note may still be written. A closed deal is history; the note is the
 * "why" the manager adds right after choosing the reason, not a later rewrite of it.
 */
export const LOST_NOTE_WINDOW_MS = 30 * 60_000;

export const noteLostDealSchema = z.object({
  dealId: z.string().min(1),
  note: z.string().trim().min(1).max(1000),
});
export type NoteLostDealInput = z.input<typeof noteLostDealSchema>;

/** The optional note of a lost deal, given after the reason (loseDeal takes it too, when known at once). */
export async function noteLostDeal(ctx: CoreContext, input: NoteLostDealInput): Promise<{ dealId: string }> {
  const { dealId, note } = parseInput(noteLostDealSchema, input, 'lost note');
  const deal = await loadVisibleDeal(ctx, dealId);
  if (deal.stage !== 'lost') throw ruleBroken('deal_not_lost', `Deal #${deal.number} is not lost`);
  const now = ctx.now();
  if (!deal.closedAt || now.getTime() - deal.closedAt.getTime() > LOST_NOTE_WINDOW_MS) {
    throw ruleBroken('lost_note_late', `Deal #${deal.number} was lost too long ago to add its note`);
  }
  await runBatch(ctx.db, [
    ctx.db.update(deals).set({ lostNote: note, updatedAt: now }).where(eq(deals.id, dealId)),
    historyEntry(ctx.db, { entityType: 'deal', entityId: dealId, action: 'lost_note', actor: ctx.actor, at: now, changes: { lostNote: [deal.lostNote, note] } }),
  ]);
  return { dealId };
}
