import { Composer } from 'grammy';
import { getLeadView } from '../../src/core/leads/get-lead-view.js';
import { teamChatCardOf, type TeamChatCard } from '../../src/core/team-chat/record-team-chat-card.js';
import { takeLead, type TakeResult } from '../../src/core/leads/take-lead.js';
import { pattern } from '../callback-data.js';
import type { BotContext } from '../context.js';
import { ack, ignoreNotModified, showCard } from '../lead-reply.js';
import { leadCardMessage } from '../render/lead-card.js';
import { renderTeamCard } from '../team-chat.js';

/**
 * Take: one tap. The first press wins in the core; everyone else hears who was faster. In the team
 * chat a press counts only on the card that carries that lead (the bot remembers which message
 * carries which leads); the card then shrinks to who took it, and the taker gets the full card in
 * their private chat, where the work on the lead happens.
 */
export const takeFeature = new Composer<BotContext>();

takeFeature.callbackQuery(pattern.take, async (ctx) => {
  const leadId = ctx.match[1]!;
  if (ctx.chat?.type === 'private') {
    const result = await takeLead(ctx.crm.core(), leadId);
    await ack(ctx, outcomeText(ctx, result), result.outcome === 'taken_by_other' ? { alert: true } : undefined);
    if (result.outcome !== 'taken_by_other') await showCard(ctx, leadId, { edit: true });
    else await ctx.editMessageReplyMarkup().catch(ignoreNotModified);
    return;
  }

  const { t, member, deps } = ctx.crm;
  const message = ctx.callbackQuery.message;
  const card = message ? await teamChatCardOf(deps, message.chat.id, message.message_id) : null;
  if (!card || !card.leadIds.includes(leadId)) {
    // A forged or misplaced payload: one refusal, and the message stays exactly as it was.
    await ack(ctx, t.teamChat.notThisCard, { alert: true });
    return;
  }
  const result = await takeLead(ctx.crm.core(), leadId);
  await ack(ctx, outcomeText(ctx, result), result.outcome === 'taken_by_other' ? { alert: true } : undefined);
  await refreshCard(ctx, card);
  if (result.outcome !== 'taken_by_other' && member) {
    const view = await getLeadView(ctx.crm.core(), leadId);
    const full = leadCardMessage(view, { t, timeZone: ctx.crm.timeZone, now: deps.now(), audience: 'private' });
    await ctx.api.sendMessage(member.chatId, full.text, full.options);
  }
});

function outcomeText(ctx: BotContext, result: TakeResult): string {
  const { t } = ctx.crm;
  const number = result.lead?.number ?? 0;
  if (result.outcome === 'taken_by_other') return t.take.takenByOther({ name: result.assignee?.name ?? '?' });
  return result.outcome === 'taken' ? t.take.taken({ number }) : t.take.alreadyYours({ number });
}

/** The pressed card as it is now: a single card shrinks to who took it, a list loses that lead's button. */
async function refreshCard(ctx: BotContext, card: TeamChatCard): Promise<void> {
  const render = await renderTeamCard(ctx.crm.deps, card);
  if (!render) return;
  await ctx
    .editMessageText(render.text, { parse_mode: 'HTML', link_preview_options: { is_disabled: true }, ...(render.keyboard ? { reply_markup: render.keyboard } : {}) })
    .catch(ignoreNotModified);
}
