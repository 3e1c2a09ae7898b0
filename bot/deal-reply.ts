import type { InlineKeyboard } from 'grammy';
import { getDealCard } from '../src/core/get-deal-card.js';
import type { BotContext } from './context.js';
import { dcb } from './deal-callback-data.js';
import { ignoreNotModified } from './lead-reply.js';
import { withOpenBoard } from './mini-app.js';
import { dealCardKeyboard, dealCardText } from './render/deal-card.js';

/** Shows the deal card to the member who acted; `edit` replaces the message the button was on. */
export async function showDeal(
  ctx: BotContext,
  dealId: string,
  o: { edit?: boolean; footer?: string; keyboard?: InlineKeyboard } = {},
): Promise<void> {
  const card = await getDealCard(ctx.crm.core(), dealId, { historyLines: 3 });
  const { t, timeZone, deps } = ctx.crm;
  const text = dealCardText(card, { t, timeZone, now: deps.now(), footer: o.footer });
  const options = { parse_mode: 'HTML' as const, reply_markup: o.keyboard ?? withOpenBoard(dealCardKeyboard(card, t), ctx, `deal/${dealId}`) };
  if (o.edit && ctx.callbackQuery?.message) await ctx.editMessageText(text, options).catch(ignoreNotModified);
  else await ctx.reply(text, options);
}

/** "Back to deal" as the last row of a step's keyboard. */
export function withBack(kb: InlineKeyboard, ctx: BotContext, dealId: string): InlineKeyboard {
  return kb.row().text(ctx.crm.t.dealButtons.deal, dcb.deal(dealId));
}
