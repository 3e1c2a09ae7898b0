import type { Db } from '../../db/client.js';
import { startKickableLoop, type KickableLoop } from './kickable-loop.js';
import { claimTask, finishTask, releaseTask, TaskLeaseLost, type TaskBudget, type TaskHandler, type TaskHandlers, type TaskRow } from '../core/background/task-queue.js';

type QueueContext = { db: Db; now: () => Date };

/** Claims in a row without finishing a run (errors or crashes) before a task is given up on. */
export const MAX_TASK_ATTEMPTS = 3;

/**
 * Runs due tasks one after another until none is due (or `maxTasks`). A task that throws is
 * retried after a pause; after MAX_TASK_ATTEMPTS it fails and its handler says so.
 */
export async function runDueTasks(
  ctx: QueueContext,
  handlers: TaskHandlers,
  opts: { budget?: TaskBudget; maxTasks?: number; onError?: (e: unknown, task: TaskRow) => void } = {},
): Promise<number> {
  const kinds = Object.keys(handlers);
  let ran = 0;
  while (ran < (opts.maxTasks ?? Infinity)) {
    const task = await claimTask(ctx, { kinds });
    if (!task) break;
    ran++;
    // A bounded run that used its budget ends here: the task waits for the next invocation.
    if ((await runOne(ctx, handlers[task.kind]!, task, opts.budget ?? {}, opts.onError)) === 'more') break;
  }
  return ran;
}

async function runOne(
  ctx: QueueContext,
  handler: TaskHandler,
  task: TaskRow,
  budget: TaskBudget,
  onError?: (e: unknown, task: TaskRow) => void,
): Promise<'done' | 'more' | 'error'> {
  try {
    const outcome = await handler.run(task, budget);
    if (outcome === 'done') await finishTask(ctx, task, { state: 'done' });
    else await releaseTask(ctx, task, { resetAttempts: true });
    return outcome;
  } catch (e) {
    onError?.(e, task);
    // Another runner holds the task now and goes on with it: this one must not touch it.
    if (e instanceof TaskLeaseLost) return 'error';
    const message = e instanceof Error ? e.message : String(e);
    if (task.attempts >= MAX_TASK_ATTEMPTS) {
      await finishTask(ctx, task, { state: 'failed', error: message });
      await handler.failed?.(task, e).catch((err: unknown) => onError?.(err, task));
    } else {
      await releaseTask(ctx, task, { delayMs: 5_000 * task.attempts, error: message });
    }
    return 'error';
  }
}

export type TaskRunner = KickableLoop;

/** Node: runs due tasks on a timer and on every kick (a task was just queued); a task left by a crashed process is picked up when its lease lapses. */
export function startTaskRunner(
  ctx: QueueContext,
  handlers: TaskHandlers,
  opts: { intervalMs?: number; onError?: (e: unknown) => void } = {},
): TaskRunner {
  const onError = opts.onError ?? ((e) => console.error('tasks:', e));
  return startKickableLoop(() => runDueTasks(ctx, handlers, { onError }).then(() => false), { intervalMs: opts.intervalMs ?? 5_000, onError });
}
