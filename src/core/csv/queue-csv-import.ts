import type { CoreContext } from '../shared/context.js';
import { readCsvImportFile, type CsvImportFile } from './csv-import-file.js';
import { importActor, startProgress } from './import-leads-csv.js';
import { enqueueTask, latestTaskAbout, releaseHeldTask, taskById, type TaskRow } from '../background/task-queue.js';

export const CSV_IMPORT_TASK = 'csv_import';
/** An import `crm import` runs itself (and resumes when run again); no server runner takes it. */
export const CLI_CSV_IMPORT_TASK = 'csv_import_cli';

/** What a queued import keeps: the checked file, who imports, and (for the bot) where to report. */
export interface CsvImportPayload {
  [key: string]: unknown;
  file: CsvImportFile;
  actor: CoreContext['actor'];
  /** The chat and the one message the member sees edited as the import goes, in their language. */
  report?: { chatId: number; messageId: number; language: string };
}

export interface QueuedImport {
  task: TaskRow;
  /** An earlier import of the same file (same `subject`): the new task is held until the importer says yes. */
  earlier: TaskRow | null;
}

/**
 * Accepts a CSV for import at once: checks who imports and reads the file (a bad header is answered
 * now, not minutes later), then queues the work for a runner. The same file again (`subject`: the
 * Telegram file_unique_id or a content hash) is held, so nobody imports a base twice by accident.
 */
export async function queueCsvImport(
  ctx: CoreContext,
  input: {
    content: string | Uint8Array;
    fileName?: string;
    subject?: string;
    report?: CsvImportPayload['report'];
    /** `crm import` runs its own task in process: another kind, so the server's runner leaves it alone. */
    kind?: string;
  },
): Promise<QueuedImport> {
  importActor(ctx.actor, input.fileName);
  const file = readCsvImportFile(input.content, input.fileName);
  const subject = input.subject ? `csv:${input.subject}` : null;
  const earlier = subject ? await latestTaskAbout(ctx, subject) : null;
  const payload: CsvImportPayload = { file, actor: ctx.actor, ...(input.report ? { report: input.report } : {}) };
  const task = await enqueueTask(ctx, {
    kind: input.kind ?? CSV_IMPORT_TASK,
    payload,
    subject,
    state: earlier ? 'held' : 'queued',
    progress: { ...startProgress(file) },
  });
  return { task, earlier };
}

/**
 * The importer's answer to "this file was imported before": yes queues the held import, no cancels
 * it. False when there was nothing to answer any more (a second tap) or it is someone else's import.
 */
export async function answerRepeatImport(ctx: CoreContext, taskId: string, importAgain: boolean): Promise<boolean> {
  const task = await taskById(ctx, taskId);
  const importer = (task?.payload as CsvImportPayload | undefined)?.actor;
  if (!task || task.kind !== CSV_IMPORT_TASK || importer?.id !== ctx.actor.id) return false;
  return releaseHeldTask(ctx, taskId, importAgain ? 'queued' : 'cancelled');
}
