import { Composer } from 'grammy';
import { pattern } from '../callback-data.js';
import type { BotContext } from '../context.js';
import { showCard } from '../lead-reply.js';

/** A lead card on demand: from a list, a search result, or Cancel/Back in a flow (which clears it). */
export const leadCardFeature = new Composer<BotContext>();

leadCardFeature.callbackQuery(pattern.card, async (ctx) => {
  const leadId = ctx.match[1]!;
  if (ctx.session.pending && 'leadId' in ctx.session.pending && ctx.session.pending.leadId === leadId) delete ctx.session.pending;
  // A card opened from a list comes as a new message; Back/Cancel on a card edits it in place.
  const onCard = ctx.callbackQuery.message?.reply_markup?.inline_keyboard.flat().some((b) => 'callback_data' in b && b.callback_data?.includes(leadId) && !b.callback_data.startsWith('card:'));
  await showCard(ctx, leadId, { edit: Boolean(onCard) });
});
