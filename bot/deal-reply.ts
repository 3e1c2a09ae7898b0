import type { Api, InlineKeyboard } from 'grammy';
import type { Language } from '../db/enums.js';
import type { AppDeps } from '../src/app-deps.js';
import type { CoreContext } from '../src/core/shared/context.js';
import { getDealCard } from '../src/core/deals/get-deal-card.js';
import type { BotContext } from './context.js';
import { dcb } from './deal-callback-data.js';
import { messages } from './i18n.js';
import { ignoreNotModified } from './lead-reply.js';
import { withOpenBoard, withOpenBoardIn } from './mini-app.js';
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

/** `showDeal` from a background task: a new card message in `chatId`, as the member sees it in their language and time zone. */
export async function sendDealCard(
  api: Api,
  deps: Pick<AppDeps, 'now' | 'config'>,
  core: CoreContext,
  to: { chatId: number; lang: Language; timeZone: string },
  dealId: string,
  o: { footer?: string } = {},
): Promise<void> {
  const card = await getDealCard(core, dealId, { historyLines: 3 });
  const t = messages(to.lang);
  const text = dealCardText(card, { t, timeZone: to.timeZone, now: deps.now(), footer: o.footer });
  const keyboard = withOpenBoardIn(dealCardKeyboard(card, t), { privateChat: to.chatId > 0, publicUrl: deps.config.PUBLIC_URL, lang: to.lang }, `deal/${dealId}`);
  await api.sendMessage(to.chatId, text, { parse_mode: 'HTML', reply_markup: keyboard });
}

/** "Back to deal" as the last row of a step's keyboard. */
export function withBack(kb: InlineKeyboard, ctx: BotContext, dealId: string): InlineKeyboard {
  return kb.row().text(ctx.crm.t.dealButtons.deal, dcb.deal(dealId));
}
