import { botTaskHandlers } from '../../bot/tasks/index.js';
import type { CrmBot } from '../../bot/create-bot.js';
import type { AppDeps } from '../../src/app-deps.js';
import { PROPOSAL_TASK } from '../../src/core/proposals/queue-proposal.js';
import { REPORT_TASK } from '../../src/core/reports/queue-report.js';
import { runDueTasks } from '../../src/jobs/task-runner.js';

/** Work a press acknowledges at once and a runner finishes a moment later (the PDF, the /report chart); CSV imports are run by their tests step by step. */
export const PROMPT_TASK_KINDS = [PROPOSAL_TASK, REPORT_TASK];

export interface BackgroundSwitch {
  /** Off: an update leaves its queued work for the test to run (`runPromptTasks`), to see the moment in between. */
  autoRunTasks: boolean;
  runPromptTasks(): Promise<number>;
}

/**
 * What Node's task runner does after the kick a press gives it: every update the test hands the bot
 * is followed by the prompt tasks it queued, run until none is due, so tests keep asserting what the
 * member sees a moment after the press (the answer, then the document).
 */
export function runTasksAfterUpdates(bot: CrmBot, deps: AppDeps): BackgroundSwitch {
  const all = botTaskHandlers(deps, bot.api);
  const handlers = Object.fromEntries(PROMPT_TASK_KINDS.map((kind) => [kind, all[kind]!]));
  const sw: BackgroundSwitch = {
    autoRunTasks: true,
    runPromptTasks: () => runDueTasks(deps, handlers, { onError: (e) => deps.log.error('tasks: run failed', e) }),
  };
  const handleUpdate = bot.handleUpdate.bind(bot);
  bot.handleUpdate = async (...args) => {
    await handleUpdate(...args);
    if (sw.autoRunTasks) await sw.runPromptTasks();
  };
  return sw;
}
