import * as z from 'zod';
import type { CoreContext } from './context.js';
import { loadVisibleDeal } from './deal-access.js';
import { CrmError } from './errors.js';
import { requireMember } from './lead-access.js';
import { historyEntry } from './records.js';

export const DEAL_NOTE_MAX = 4000;

/**
 * A long note is kept, cut to the limit with "…": it usually is a pasted client letter, and losing
 * the whole of it to a refusal is worse than losing its tail. An empty one is a refusal.
 */
const dealNoteSchema = z
  .string()
  .trim()
  .min(1, 'a note cannot be empty')
  .transform((text) => (text.length > DEAL_NOTE_MAX ? `${text.slice(0, DEAL_NOTE_MAX - 1).trimEnd()}…` : text));

/**
 * A note is a line in the deal's timeline. Won and lost deals take notes too ("paid the second
 * invoice"): a note changes no figure a report was built on, so the closed-deal rule does not apply.
 */
export async function addDealNote(ctx: CoreContext, dealId: string, text: string): Promise<{ dealId: string; number: number; text: string }> {
  const actor = requireMember(ctx);
  const parsed = dealNoteSchema.safeParse(text);
  if (!parsed.success) throw new CrmError('VALIDATION', parsed.error.issues[0]?.message ?? 'invalid note');
  const deal = await loadVisibleDeal(ctx, dealId);
  // The history row is the note itself: one statement, so there is no state without its trace.
  await historyEntry(ctx.db, { entityType: 'deal', entityId: dealId, action: 'note', actor, at: ctx.now(), changes: { text: parsed.data } });
  return { dealId, number: deal.number, text: parsed.data };
}
