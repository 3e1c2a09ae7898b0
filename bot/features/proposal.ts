import { Composer, InputFile } from 'grammy';
import { isCrmError } from '../../src/core/errors.js';
import { makeProposal } from '../../src/core/make-proposal.js';
import { setDealLanguage } from '../../src/core/set-deal-language.js';
import type { Language } from '../../db/enums.js';
import type { BotContext } from '../context.js';
import { dpattern } from '../deal-callback-data.js';
import { showDeal } from '../deal-reply.js';
import { formatDateTime } from '../i18n.js';
import { ack } from '../lead-reply.js';
import { money } from '../money.js';

/** One tap on the deal card: the PDF, in the deal's language, comes back as a document to forward to the client. */
export const proposalFeature = new Composer<BotContext>();

proposalFeature.callbackQuery(dpattern.proposal, async (ctx) => {
  const dealId = ctx.match[1]!;
  const { t, deps, timeZone } = ctx.crm;
  try {
    const result = await makeProposal(ctx.crm.core(), { dealId }, deps.fonts);
    await ack(ctx);
    await ctx.replyWithChatAction('upload_document').catch(() => undefined);
    const total = money(result.total, result.currency, t);
    await ctx.replyWithDocument(new InputFile(result.bytes, result.fileName), { caption: t.proposal.caption({ number: result.number, total, language: t.deal.languages[result.language] }) });
    const footer = result.followUp ? t.proposal.followUp({ when: formatDateTime(result.followUp.dueAt, t, timeZone, deps.now()) }) : undefined;
    await showDeal(ctx, dealId, { footer });
  } catch (e) {
    if (!isCrmError(e, 'RULE') || e.details.rule !== 'proposal_needs_items') throw e;
    await ack(ctx, t.proposal.needsItems, { alert: true });
  }
});

/** The deal card's language button: the next proposal is printed in the language it names. */
proposalFeature.callbackQuery(dpattern.language, async (ctx) => {
  const [, dealId, language] = ctx.match as unknown as [string, string, Language];
  const { t } = ctx.crm;
  await setDealLanguage(ctx.crm.core(), { dealId, language });
  await ack(ctx, t.deal.languageSet[language]);
  await showDeal(ctx, dealId, { edit: true, footer: t.deal.languageSet[language] });
});
