import type { CoreContext } from '../shared/context.js';
import type { CsvImportPayload } from './queue-csv-import.js';
import { importRows, importSummary, startProgress, type ImportProgress, type ImportResult, type ImportRunOptions, type RejectionWording } from './import-leads-csv.js';
import { isLeaseLoss, saveProgress, TaskLeaseLost, type TaskRow } from '../background/task-queue.js';

export interface ImportStep {
  progress: ImportProgress;
  /** Set when every row is done: the summary and the rejected-rows file. */
  result: ImportResult | null;
}

/**
 * Runs a claimed import task on from where it stopped (its saved progress), as the member who
 * queued it. Each chunk's progress is saved in the chunk's own batch, so a crash or restart loses
 * nothing and repeats nothing; a runner whose lease another runner took over gets TaskLeaseLost and
 * has written nothing of the chunk it was on. `maxRows` bounds one run (a Workers invocation); the caller
 * finishes the task when `result` is set and gives it back to the queue otherwise.
 */
export async function continueCsvImport(
  ctx: Omit<CoreContext, 'actor'>,
  task: TaskRow,
  wording?: RejectionWording,
  opts: Omit<ImportRunOptions, 'record'> = {},
): Promise<ImportStep> {
  const payload = task.payload as CsvImportPayload;
  const progress = (task.progress as ImportProgress | null) ?? startProgress(payload.file);
  const done = await importRows({ ...ctx, actor: payload.actor }, payload.file, progress, {
    ...opts,
    record: (p) => saveProgress(ctx, task, { ...p }),
  }).catch((e: unknown) => {
    throw isLeaseLoss(e) ? new TaskLeaseLost(task.id, { cause: e }) : e;
  });
  return { progress: done, result: done.next >= done.total ? importSummary(payload.file, done, wording) : null };
}
