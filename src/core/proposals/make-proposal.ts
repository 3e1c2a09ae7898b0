import { and, count, eq, gt, isNull, lte } from 'drizzle-orm';
import type { DealStage, Language } from '../../../db/enums.js';
import { activities, deals, history, members } from '../../../db/schema/index.js';
import type { FontSource } from '../../render/fonts.js';
import { renderProposalPdf } from '../../render/proposal-pdf.js';
import { runBatch, type Statement } from '../shared/batch.js';
import type { CoreContext } from '../shared/context.js';
import { isDealClosed } from '../deals/deal-access.js';
import { ruleBroken } from '../shared/errors.js';
import { getDealCard } from '../deals/get-deal-card.js';
import { plannedActivityInsert } from '../activities/next-step-rule.js';
import { proposalDocument } from './proposal-document.js';
import { historyEntry } from '../shared/records.js';
import { getSellerDetails } from './seller-details.js';
import { getVatSetting } from './vat-settings.js';

/** Stages before "proposal": sending one moves the deal forward; later stages stay where they are. */
const BEFORE_PROPOSAL: readonly DealStage[] = ['in_progress', 'clarifying'];
const DAY_MS = 86_400_000;

export interface ProposalResult {
  bytes: Uint8Array;
  fileName: string;
  number: string;
  /** What the client pays, VAT on top included. */
  total: number;
  currency: string;
  language: Language;
  stageChanged: boolean;
  followUp: { dueAt: Date } | null;
}

/**
 * Builds the commercial proposal PDF for a deal and records that it went out: the deal moves to
 * `proposal` (from an earlier stage), history gets "proposal sent" with the total, and a follow-up
 * call is planned in PROPOSAL_FOLLOW_UP_DAYS unless an open step is due between now and then. The caller sends the bytes.
 */
export async function makeProposal(
  ctx: CoreContext,
  input: { dealId: string },
  fonts: FontSource,
  /** Written in the same batch as "proposal sent" (a background task records the rendered proposal with it, so a retry never makes a second one). */
  alsoInBatch?: (made: ProposalResult) => Statement[],
): Promise<ProposalResult> {
  const card = await getDealCard(ctx, input.dealId, { historyLines: 0 });
  const { deal } = card;
  if (card.items.length === 0) throw ruleBroken('proposal_needs_items', 'Add products to the deal before making a proposal');
  const now = ctx.now();
  const sequence = (await sentProposals(ctx, deal.id)) + 1;
  // "42/1": the deal's number, then which of its proposals this is; reads as a document number.
  const number = `${deal.number}/${sequence}`;
  // The client's language, set on the deal; the manager's own Telegram language plays no part.
  const language = deal.language;
  const seller = await getSellerDetails(ctx);
  const vat = await getVatSetting(ctx);
  const manager = await managerOf(ctx, deal.assigneeId);
  const doc = proposalDocument({ card, seller, vat, manager, number, now, language, timeZone: ctx.settings.defaultTimeZone });
  // Render before writing: a failed render leaves no "proposal sent" line for a proposal nobody got.
  const bytes = await renderProposalPdf(doc, await fonts());

  const statements: Statement[] = [];
  const closed = isDealClosed(deal);
  const stageChanged = !closed && BEFORE_PROPOSAL.includes(deal.stage);
  if (stageChanged) statements.push(ctx.db.update(deals).set({ stage: 'proposal', updatedAt: now }).where(eq(deals.id, deal.id)));
  const followUpAt = new Date(now.getTime() + ctx.settings.proposalFollowUpDays * DAY_MS);
  const planFollowUp = !closed && !(await hasUpcomingStepBy(ctx, deal.id, now, followUpAt));
  if (planFollowUp) {
    statements.push(plannedActivityInsert(ctx, { dealId: deal.id }, { kind: 'call', subject: 'proposal_follow_up', dueAt: followUpAt }, deal.assigneeId, 'proposal_follow_up'));
  }
  statements.push(
    historyEntry(ctx.db, {
      entityType: 'deal',
      entityId: deal.id,
      action: 'proposal_sent',
      actor: ctx.actor,
      at: now,
      changes: {
        number,
        total: doc.payable,
        ...(doc.vat.mode === 'none' ? {} : { vat: doc.vat }),
        currency: doc.currency,
        language,
        items: doc.items.length,
        ...(stageChanged ? { stage: [deal.stage, 'proposal'] } : {}),
        ...(planFollowUp ? { followUpAt } : {}),
      },
    }),
  );
  const result: ProposalResult = {
    bytes,
    fileName: `proposal-${deal.number}-${sequence}.pdf`,
    number,
    total: doc.payable,
    currency: doc.currency,
    language,
    stageChanged,
    followUp: planFollowUp ? { dueAt: followUpAt } : null,
  };
  await runBatch(ctx.db, [...statements, ...(alsoInBatch?.(result) ?? [])]);
  return result;
}

async function sentProposals(ctx: CoreContext, dealId: string): Promise<number> {
  const [row] = await ctx.db
    .select({ n: count() })
    .from(history)
    .where(and(eq(history.entityType, 'deal'), eq(history.entityId, dealId), eq(history.action, 'proposal_sent')));
  return row?.n ?? 0;
}

/**
 * A sooner step makes the follow-up redundant only if it is still ahead: an overdue call carried
 * over from the lead (first contact never logged) is no plan to chase the proposal.
 */
async function hasUpcomingStepBy(ctx: CoreContext, dealId: string, after: Date, by: Date): Promise<boolean> {
  const [row] = await ctx.db
    .select({ n: count() })
    .from(activities)
    .where(and(eq(activities.dealId, dealId), isNull(activities.doneAt), gt(activities.dueAt, after), lte(activities.dueAt, by)));
  return (row?.n ?? 0) > 0;
}

async function managerOf(ctx: CoreContext, assigneeId: string | null) {
  const id = assigneeId ?? (ctx.actor.kind === 'member' ? ctx.actor.id : null);
  if (!id) return null;
  const [row] = await ctx.db
    .select({ name: members.name, phone: members.phone, username: members.username })
    .from(members)
    .where(eq(members.id, id));
  return row ?? null;
}
