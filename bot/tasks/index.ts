import type { Api } from 'grammy';
import type { AppDeps } from '../../src/app-deps.js';
import { CSV_IMPORT_TASK } from '../../src/core/csv/queue-csv-import.js';
import { PROPOSAL_TASK } from '../../src/core/proposals/queue-proposal.js';
import { REPORT_TASK } from '../../src/core/reports/queue-report.js';
import type { TaskHandlers } from '../../src/core/background/task-queue.js';
import { csvImportHandler } from './csv-import.js';
import { proposalHandler } from './proposal.js';
import { reportHandler } from './report.js';

/** The background tasks the bot queues, by kind; Node's task runner and the Worker's slices run them. */
export function botTaskHandlers(deps: AppDeps, api: Api): TaskHandlers {
  return {
    [CSV_IMPORT_TASK]: csvImportHandler(deps, api),
    [PROPOSAL_TASK]: proposalHandler(deps, api),
    [REPORT_TASK]: reportHandler(deps, api),
  };
}
