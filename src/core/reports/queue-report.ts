import type { Language } from '../../../db/enums.js';
import type { CoreContext } from '../shared/context.js';
import type { ReportRange } from './report-period.js';
import { enqueueTask, isLeaseLoss, saveProgress, TaskLeaseLost, type TaskRow } from '../background/task-queue.js';

export const REPORT_TASK = 'report';

/** `/report week|month` as asked: the moment fixes the period, so a retried task draws the same one. */
export interface ReportPayload {
  [key: string]: unknown;
  range: ReportRange;
  askedAt: string;
  actor: CoreContext['actor'];
  report: { chatId: number; language: Language; timeZone: string };
}

/** Queues the chart a leader asked for; the numbers are counted (and the rights checked) by the runner, with the asker as actor. */
export async function queueReport(ctx: CoreContext, input: { range: ReportRange; report: ReportPayload['report'] }): Promise<TaskRow> {
  const payload: ReportPayload = { range: input.range, askedAt: ctx.now().toISOString(), actor: ctx.actor, report: input.report };
  return enqueueTask(ctx, { kind: REPORT_TASK, payload, progress: {} });
}

/** The chart is in the chat: a retried task does not send it again. */
export async function markReportSent(ctx: CoreContext, task: TaskRow, messageId: number): Promise<void> {
  try {
    await saveProgress(ctx, task, { sentMessageId: messageId });
  } catch (e) {
    throw isLeaseLoss(e) ? new TaskLeaseLost(task.id, { cause: e }) : e;
  }
}

export const reportAlreadySent = (task: TaskRow): boolean => typeof (task.progress as { sentMessageId?: unknown } | null)?.sentMessageId === 'number';
