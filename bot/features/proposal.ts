import { Composer } from 'grammy';
import { isCrmError } from '../../src/core/shared/errors.js';
import { queueProposal } from '../../src/core/proposals/queue-proposal.js';
import { setDealLanguage } from '../../src/core/deals/set-deal-language.js';
import type { Language } from '../../db/enums.js';
import type { BotContext } from '../context.js';
import { dpattern } from '../deal-callback-data.js';
import { showDeal } from '../deal-reply.js';
import { ack } from '../lead-reply.js';

/** One tap on the deal card: the PDF, in the deal's language, comes back as a document to forward to the client (made in the background). */
export const proposalFeature = new Composer<BotContext>();

proposalFeature.callbackQuery(dpattern.proposal, async (ctx) => {
  const dealId = ctx.match[1]!;
  const { t, deps, lang, timeZone } = ctx.crm;
  try {
    await queueProposal(ctx.crm.core(), { dealId, report: { chatId: ctx.chat!.id, language: lang, timeZone } });
  } catch (e) {
    if (!isCrmError(e, 'RULE') || e.details.rule !== 'proposal_needs_items') throw e;
    return void (await ack(ctx, t.proposal.needsItems, { alert: true }));
  }
  // Answered before the PDF exists: the task runner renders it and sends it (bot/tasks/proposal.ts).
  await ack(ctx, t.proposal.preparing);
  await ctx.replyWithChatAction('upload_document').catch(() => undefined);
  deps.taskQueued.notify();
});

/** The deal card's language button: the next proposal is printed in the language it names. */
proposalFeature.callbackQuery(dpattern.language, async (ctx) => {
  const [, dealId, language] = ctx.match as unknown as [string, string, Language];
  const { t } = ctx.crm;
  await setDealLanguage(ctx.crm.core(), { dealId, language });
  await ack(ctx, t.deal.languageSet[language]);
  await showDeal(ctx, dealId, { edit: true, footer: t.deal.languageSet[language] });
});
