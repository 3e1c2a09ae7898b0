import { InputFile, type Api } from 'grammy';
import type { AppDeps } from '../../src/app-deps.js';
import { isCrmError } from '../../src/core/shared/errors.js';
import { fromBase64, makeQueuedProposal, markProposalSent, type ProposalPayload, type ProposalProgress } from '../../src/core/proposals/queue-proposal.js';
import type { TaskHandler } from '../../src/core/background/task-queue.js';
import { sendDealCard } from '../deal-reply.js';
import { formatDateTime, messages } from '../i18n.js';
import { money } from '../money.js';

/**
 * Makes a proposal queued by the press (bot/features/proposal.ts) and sends what the press used
 * to: the PDF with its caption, then the deal card with the follow-up line. Idempotent by its
 * progress: the PDF is recorded with "proposal sent", the document's message once it is sent, so a
 * retry sends the recorded PDF, or only the card. (A crash between Telegram's answer and that record
 * can still send the document twice; nothing makes a second proposal.)
 */
export function proposalHandler(deps: AppDeps, api: Api): TaskHandler {
  return {
    async run(task) {
      const payload = task.payload as ProposalPayload;
      const { chatId, language, timeZone } = payload.report;
      const t = messages(language);
      const core = deps.core(payload.actor);
      let made;
      try {
        made = await makeQueuedProposal(core, task, deps.fonts);
      } catch (e) {
        // Items removed between the press and the run: the member hears why, as at the press.
        if (!isCrmError(e, 'RULE') || e.details.rule !== 'proposal_needs_items') throw e;
        await api.sendMessage(chatId, t.proposal.needsItems);
        return 'done';
      }
      if ((task.progress as ProposalProgress).sentMessageId === undefined) {
        const total = money(made.total, made.currency, t);
        const caption = t.proposal.caption({ number: made.number, total, language: t.deal.languages[made.language] });
        const sent = await api.sendDocument(chatId, new InputFile(fromBase64(made.pdfBase64), made.fileName), { caption });
        await markProposalSent(core, task, sent.message_id);
      }
      const footer = made.followUpAt ? t.proposal.followUp({ when: formatDateTime(new Date(made.followUpAt), t, timeZone, deps.now()) }) : undefined;
      await sendDealCard(api, deps, core, { chatId, lang: language, timeZone }, payload.dealId, { footer });
      return 'done';
    },
    async failed(task) {
      const { chatId, language } = (task.payload as ProposalPayload).report;
      await api.sendMessage(chatId, messages(language).proposal.failed);
    },
  };
}
