import type { Language } from '../../../db/enums.js';
import type { FontSource } from '../../render/fonts.js';
import type { CoreContext } from '../shared/context.js';
import { ruleBroken } from '../shared/errors.js';
import { getDealCard } from '../deals/get-deal-card.js';
import { makeProposal } from './make-proposal.js';
import { enqueueTask, isLeaseLoss, saveProgress, TaskLeaseLost, type TaskRow } from '../background/task-queue.js';

export const PROPOSAL_TASK = 'proposal';

/** Who asked for the proposal (its rights apply when it is made) and where the document goes. */
export interface ProposalPayload {
  [key: string]: unknown;
  dealId: string;
  actor: CoreContext['actor'];
  report: { chatId: number; language: Language; timeZone: string };
}

/** A proposal made and recorded ("proposal sent" in history), with its PDF, kept until it is in the chat. */
export interface MadeProposal {
  fileName: string;
  number: string;
  total: number;
  currency: string;
  language: Language;
  followUpAt: string | null;
  pdfBase64: string;
}

export interface ProposalProgress {
  [key: string]: unknown;
  made?: MadeProposal;
  /** The document's message: once set, a retried task does not send it again. */
  sentMessageId?: number;
}

/**
 * The press on "proposal": checks at once what is cheap to check (the member sees the deal, it has
 * items), so a refusal is the press's own answer, then queues the rendering (~0.3 s CPU, more on
 * Workers) for a runner.
 */
export async function queueProposal(ctx: CoreContext, input: { dealId: string; report: ProposalPayload['report'] }): Promise<TaskRow> {
  const card = await getDealCard(ctx, input.dealId, { historyLines: 0 });
  if (card.items.length === 0) throw ruleBroken('proposal_needs_items', 'Add products to the deal before making a proposal');
  const payload: ProposalPayload = { dealId: input.dealId, actor: ctx.actor, report: input.report };
  return enqueueTask(ctx, { kind: PROPOSAL_TASK, payload, progress: {} });
}

/**
 * Makes the queued proposal once: the rendered PDF is saved in the task's progress in the same
 * batch as "proposal sent", so a task retried after a crash finds it there and sends that one
 * instead of making proposal No. N+1. `ctx` carries the payload's actor: the core's rules apply as at the press.
 */
export async function makeQueuedProposal(ctx: CoreContext, task: TaskRow, fonts: FontSource): Promise<MadeProposal> {
  const progress = (task.progress ?? {}) as ProposalProgress;
  if (progress.made) return progress.made;
  const { dealId } = task.payload as ProposalPayload;
  let made: MadeProposal | undefined;
  try {
    await makeProposal(ctx, { dealId }, fonts, (result) => {
      made = {
        fileName: result.fileName,
        number: result.number,
        total: result.total,
        currency: result.currency,
        language: result.language,
        followUpAt: result.followUp ? result.followUp.dueAt.toISOString() : null,
        pdfBase64: toBase64(result.bytes),
      };
      return [saveProgress(ctx, task, { ...progress, made })];
    });
  } catch (e) {
    throw isLeaseLoss(e) ? new TaskLeaseLost(task.id, { cause: e }) : e;
  }
  task.progress = { ...progress, made };
  return made!;
}

/** Records that the document is in the chat: the step a retry checks before sending. */
export async function markProposalSent(ctx: CoreContext, task: TaskRow, messageId: number): Promise<void> {
  const { made } = (task.progress ?? {}) as ProposalProgress;
  // The PDF is not needed any more; the number and total stay for the card's footer and whoever reads the task.
  const progress: ProposalProgress = { ...(made ? { made: { ...made, pdfBase64: '' } } : {}), sentMessageId: messageId };
  try {
    await saveProgress(ctx, task, progress);
  } catch (e) {
    throw isLeaseLoss(e) ? new TaskLeaseLost(task.id, { cause: e }) : e;
  }
  task.progress = progress;
}

export function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  // Chunks keep String.fromCharCode's argument list short.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
