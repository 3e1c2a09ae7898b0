import { InputFile, type Api } from 'grammy';
import type { Language } from '../../db/enums.js';
import type { AppDeps } from '../../src/app-deps.js';
import { systemActor } from '../../src/core/shared/context.js';
import { continueCsvImport } from '../../src/core/csv/continue-csv-import.js';
import type { ImportProgress } from '../../src/core/csv/import-leads-csv.js';
import type { CsvImportPayload } from '../../src/core/csv/queue-csv-import.js';
import type { TaskHandler, TaskRow } from '../../src/core/background/task-queue.js';
import { rejectionWording } from '../csv-wording.js';
import { messages } from '../i18n.js';

/** Telegram allows about one edit a second per chat; every two seconds is plenty for a progress line. */
const EDIT_EVERY_MS = 2_000;

/**
 * Runs a queued CSV import and keeps the importer's one message current: "Imported 3,000 of
 * 10,000…", then the summary, then the rejected rows as a file. A run bounded by `maxRows` (Workers)
 * updates the message once more before giving the task back to the queue.
 */
export function csvImportHandler(deps: AppDeps, api: Api): TaskHandler {
  return {
    async run(task, budget) {
      const report = reporter(api, task);
      let lastEdit = Date.now();
      const step = await continueCsvImport(deps.core(systemActor), task, rejectionWording(report.t), {
        ...(budget.maxRows !== undefined ? { maxRows: budget.maxRows } : {}),
        ...(budget.chunkRows !== undefined ? { chunkRows: budget.chunkRows } : {}),
        onChunk: async (progress) => {
          if (Date.now() - lastEdit < EDIT_EVERY_MS) return;
          lastEdit = Date.now();
          await report.progress(progress);
        },
      });
      if (!step.result) {
        await report.progress(step.progress);
        return 'more';
      }
      await report.edit(report.t.csv.summary(step.result));
      if (step.result.rejectedCsv && report.target) {
        const base = (task.payload as CsvImportPayload).file.fileName ?? 'import.csv';
        const name = `rejected-${base}`.replace(/\.csv$/i, '') + '.csv';
        await api.sendDocument(report.target.chatId, new InputFile(new TextEncoder().encode(step.result.rejectedCsv), name), {
          caption: report.t.csv.rejectedCaption,
        });
      }
      return 'done';
    },
    async failed(task, error) {
      const report = reporter(api, task);
      await report.edit(report.t.csv.failed({ message: error instanceof Error ? error.message : String(error) }));
    },
  };
}

function reporter(api: Api, task: TaskRow) {
  const target = (task.payload as CsvImportPayload).report;
  const t = messages((target?.language ?? 'en') as Language);
  const edit = async (text: string) => {
    if (!target) return;
    // "message is not modified" and a deleted message must not stop the import.
    await api.editMessageText(target.chatId, target.messageId, text).catch(() => undefined);
  };
  return {
    t,
    target,
    edit,
    progress: (p: ImportProgress) => edit(t.csv.progress({ done: p.next, total: p.total })),
  };
}
