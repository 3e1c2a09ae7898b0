import { eq } from 'drizzle-orm';
import * as z from 'zod';
import { LANGUAGES, type Language } from '../../../db/enums.js';
import { deals } from '../../../db/schema/index.js';
import { runBatch } from '../shared/batch.js';
import type { CoreContext } from '../shared/context.js';
import { assertDealOpen, loadVisibleDeal } from './deal-access.js';
import { historyEntry } from '../shared/records.js';
import { parseInput } from '../shared/validate.js';

export const setDealLanguageSchema = z.object({
  dealId: z.string().min(1),
  language: z.enum(LANGUAGES),
});

/**
 * The language the client reads the deal's proposal in. It belongs to the deal, not to whoever
 * presses the button: a manager whose Telegram speaks English still sends a Russian client a Russian proposal.
 * Setting the language it already has writes nothing, so a second press of the same button is harmless.
 */
export async function setDealLanguage(ctx: CoreContext, input: z.input<typeof setDealLanguageSchema>): Promise<{ changed: boolean; language: Language }> {
  const { dealId, language } = parseInput(setDealLanguageSchema, input, 'deal language');
  const deal = await loadVisibleDeal(ctx, dealId);
  assertDealOpen(deal);
  if (deal.language === language) return { changed: false, language };
  const now = ctx.now();
  await runBatch(ctx.db, [
    ctx.db.update(deals).set({ language, updatedAt: now }).where(eq(deals.id, deal.id)),
    historyEntry(ctx.db, { entityType: 'deal', entityId: deal.id, action: 'language_changed', actor: ctx.actor, at: now, changes: { language: [deal.language, language] } }),
  ]);
  return { changed: true, language };
}
