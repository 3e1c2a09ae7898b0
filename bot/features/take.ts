import { Composer } from 'grammy';
import { getLeadView } from '../../src/core/get-lead-view.js';
import { takeLead } from '../../src/core/take-lead.js';
import { pattern } from '../callback-data.js';
import type { BotContext } from '../context.js';
import { messages } from '../i18n.js';
import { ack, ignoreNotModified, showCard } from '../lead-reply.js';
import { leadCardMessage, leadCardText } from '../render/lead-card.js';

/**
 * Take: one tap. The first press wins in the core; everyone else hears who was faster. In the team
 * chat the card is edited to name the taker (and loses its button), and the taker gets the full
 * card in their private chat, where the work on the lead happens.
 */
export const takeFeature = new Composer<BotContext>();

takeFeature.callbackQuery(pattern.take, async (ctx) => {
  const leadId = ctx.match[1]!;
  const { t, member, deps } = ctx.crm;
  const result = await takeLead(ctx.crm.core(), leadId);
  const number = result.lead?.number ?? 0;
  if (result.outcome === 'taken_by_other') await ack(ctx, t.take.takenByOther({ name: result.assignee?.name ?? '?' }), { alert: true });
  else await ack(ctx, result.outcome === 'taken' ? t.take.taken({ number }) : t.take.alreadyYours({ number }));

  if (ctx.chat?.type !== 'private') {
    await markTakenInGroup(ctx, leadId, result.assignee?.name ?? '?');
    if (result.outcome !== 'taken_by_other' && member) {
      const view = await getLeadView(ctx.crm.core(), leadId);
      const card = leadCardMessage(view, { t, timeZone: ctx.crm.timeZone, now: deps.now(), audience: 'private' });
      await ctx.api.sendMessage(member.chatId, card.text, card.options);
    }
    return;
  }
  if (result.outcome !== 'taken_by_other') await showCard(ctx, leadId, { edit: true });
  else await ctx.editMessageReplyMarkup().catch(ignoreNotModified);
});

/** The team chat's card, in the team's language, now saying who took the lead. */
async function markTakenInGroup(ctx: BotContext, leadId: string, name: string): Promise<void> {
  const { deps } = ctx.crm;
  const t = messages(deps.config.DEFAULT_LANGUAGE);
  const view = await getLeadView(deps.core({ kind: 'system', id: null, label: 'bot' }), leadId);
  const text = leadCardText(view, {
    t,
    timeZone: deps.config.DEFAULT_TIME_ZONE,
    now: deps.now(),
    audience: 'group',
    header: t.notify.newLead,
    footer: t.card.takenBy({ name }),
  });
  await ctx.editMessageText(text, { parse_mode: 'HTML' }).catch(ignoreNotModified);
}
