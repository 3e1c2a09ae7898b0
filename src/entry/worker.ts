import type { Hono } from 'hono';
import { syncCommandMenus } from '../../bot/commands.js';
import { createBot, type CrmBot } from '../../bot/create-bot.js';
import { registerMenuButton } from '../../bot/mini-app.js';
import { deliverOutbox } from '../../bot/outbox/deliver.js';
import { createApp } from '../app.js';
import { createAppDeps, type AppDeps } from '../app-deps.js';
import { parseEnv } from '../config.js';
import { workerVars } from './worker-vars.js';
import { runDueJobs } from '../jobs/run-due-jobs.js';
import { runDueTasks } from '../jobs/task-runner.js';
import { botTaskHandlers } from '../../bot/tasks/index.js';
import { hasDueTask, type TaskHandlers } from '../core/background/task-queue.js';
import { cachedFonts } from '../render/fonts.js';
import type { WasmSource } from '../render/resvg.js';
import { workerDb, type WorkerStorageEnv } from './worker-db.js';

/** The Worker's environment: bindings plus every variable of src/config.ts, as strings. */
export type WorkerEnv = WorkerStorageEnv & Record<string, unknown>;

/** The parts of the Workers runtime objects we use; declared here so Node's type-check covers this file. */
interface ExecutionContextLike {
  waitUntil(promise: Promise<unknown>): void;
}
interface ScheduledControllerLike {
  cron: string;
  scheduledTime: number;
}

/** Fonts and the chart wasm are bundled as modules (wrangler.toml [[rules]]) and loaded only when drawn. */
const workerFonts = cachedFonts(async () => {
  const [regular, bold] = await Promise.all([
    import('@expo-google-fonts/roboto/400Regular/Roboto_400Regular.ttf'),
    import('@expo-google-fonts/roboto/700Bold/Roboto_700Bold.ttf'),
  ]);
  return { regular: new Uint8Array(regular.default), bold: new Uint8Array(bold.default) };
});
const workerResvgWasm: WasmSource = async () => (await import('@resvg/resvg-wasm/index_bg.wasm')).default;

interface WorkerRuntime {
  deps: AppDeps;
  app: Hono;
  bot: CrmBot | undefined;
  tasks: TaskHandlers;
  /** Set when a use case queued a message (a new lead's card, a client's message): the request that sees it starts delivery. */
  outboxQueued: boolean;
  /** The chat menu button was set (or is being set) by this isolate. */
  menuButton: boolean;
  /** The command menus were set by this isolate (on its first Telegram update). */
  menusSynced: boolean;
}

/**
 * Rows one request's delivery takes on: what that request queued and a little more. A run needs
 * about five D1 queries a message (claim, render, send slot, mark sent), far inside 1,000.
 */
export const WORKER_FETCH_DELIVERY_LIMIT = 20;

/**
 * Rows of a CSV import one invocation takes on, within D1's 1,000 queries per invocation. New leads
 * go in multi-row inserts (about half a query a row: 350 rows, about 170 queries), but a row that
 * joins an open lead still writes two (its repeat count, its history), so a file of repeats costs
 * about 2 a row plus 2 per 50-row chunk: 350 rows stay near 750 queries even then, with room for the
 * update or cron tick that woke it (test/worker/import-on-d1.test.ts counts them).
 */
export const WORKER_IMPORT_ROWS = 350;
const WORKER_CHUNK_ROWS = 50;

/**
 * Everything is built from the `env` the runtime hands over (no module-level config) and kept
 * for as long as the isolate reuses that same env object, so the bot's getMe runs once per isolate.
 */
const runtimes = new WeakMap<object, WorkerRuntime>();

export function workerRuntime(env: WorkerEnv): WorkerRuntime {
  let runtime = runtimes.get(env);
  if (!runtime) {
    const config = parseEnv(workerVars(env));
    const queued = { outboxQueued: false };
    const onOutbox = () => {
      queued.outboxQueued = true;
    };
    const deps = createAppDeps({ db: workerDb(env), config, fonts: workerFonts, resvgWasm: workerResvgWasm, onOutbox });
    const { TELEGRAM_BOT_TOKEN: token, TELEGRAM_API_ROOT: apiRoot } = config;
    const bot = token ? createBot({ ...deps, token, ...(apiRoot ? { apiRoot } : {}) }) : undefined;
    runtime = Object.assign(queued, {
      deps,
      bot,
      app: createApp(deps, bot ? { bot } : {}),
      tasks: bot ? botTaskHandlers(deps, bot.api) : {},
      menuButton: false,
      menusSynced: false,
    });
    runtimes.set(env, runtime);
  }
  return runtime;
}

/** One cron tick: the due jobs queue their messages, then the outbox is drained within the rate limits. */
export async function runScheduledTick(runtime: WorkerRuntime, at: Date): Promise<void> {
  const outcomes = await runDueJobs(runtime.deps, at);
  for (const o of outcomes) if (o.error) runtime.deps.log.error(`job ${o.name} failed`, o.error);
  if (runtime.bot) await deliverOutbox(runtime.deps, runtime.bot, { limit: 500 });
  await runTaskSlice(runtime);
}

/**
 * A bounded step of queued background work (one task, WORKER_IMPORT_ROWS rows), after a bot update
 * (waitUntil, so Telegram has its answer) and on every cron tick, until the task is done.
 */
export async function runTaskSlice(runtime: WorkerRuntime): Promise<void> {
  if (Object.keys(runtime.tasks).length === 0 || !(await hasDueTask(runtime.deps))) return;
  await runDueTasks(runtime.deps, runtime.tasks, {
    budget: { maxRows: WORKER_IMPORT_ROWS, chunkRows: WORKER_CHUNK_ROWS },
    maxTasks: 1,
    onError: (e, task) => console.error(`task ${task.kind} ${task.id} failed`, e),
  });
}

/**
 * Sends what a request queued, after its answer has gone (waitUntil), as Node kicks its sender on
 * every new lead: a form lead's card is in the team chat within a second, not at the next cron
 * tick. The flag is the isolate's: a request running beside the one that queued may start the
 * delivery instead, which claims every due row just the same. Cron stays the safety net.
 */
export async function deliverQueued(runtime: WorkerRuntime): Promise<void> {
  if (!runtime.bot || !runtime.outboxQueued) return;
  runtime.outboxQueued = false;
  try {
    await deliverOutbox(runtime.deps, runtime.bot, { limit: WORKER_FETCH_DELIVERY_LIMIT });
  } catch (e) {
    runtime.deps.log.error('outbox: delivery after a request failed (the next cron tick retries)', e);
  }
}

/**
 * The Mini App's menu button, as the Node server sets it at start: a Worker has no start, so the first
 * bot update an isolate serves sets it (after Telegram has its answer). A failure is logged and the
 * next update tries again; PUBLIC_URL must be https, or there is no button (bot/mini-app.ts).
 */
export async function ensureMenuButton(runtime: WorkerRuntime): Promise<void> {
  if (!runtime.bot || runtime.menuButton) return;
  runtime.menuButton = true;
  const { PUBLIC_URL, DEFAULT_LANGUAGE } = runtime.deps.config;
  try {
    await registerMenuButton(runtime.bot.api, PUBLIC_URL, DEFAULT_LANGUAGE);
  } catch (e) {
    runtime.menuButton = false;
    runtime.deps.log.error('bot: setChatMenuButton failed (the next update tries again)', e);
  }
}

/**
 * A Worker has no start: the command menus (public, and each member's by role) are set once per
 * isolate, after its first Telegram update is answered, so a deploy that changed them takes effect
 * without an operator step. Roles changed later re-register from the bot itself.
 */
async function syncMenus(runtime: WorkerRuntime, bot: CrmBot): Promise<void> {
  try {
    const { failed } = await syncCommandMenus(bot.api, runtime.deps, runtime.deps.config.DEFAULT_LANGUAGE);
    for (const f of failed) runtime.deps.log.warn(`bot: setMyCommands for chat ${f.chatId} failed`, f.error);
  } catch (e) {
    runtime.menusSynced = false;
    runtime.deps.log.warn('bot: setMyCommands failed (tried again on the next update)', e);
  }
}

export default {
  async fetch(request: Request, env: WorkerEnv, ctx: ExecutionContextLike): Promise<Response> {
    const runtime = workerRuntime(env);
    const response = await runtime.app.fetch(request, env, ctx as never);
    if (runtime.outboxQueued) ctx.waitUntil(deliverQueued(runtime));
    // A bot update may have queued work (a CSV import): start on it once Telegram has its answer.
    if (request.method === 'POST' && new URL(request.url).pathname === '/telegram') {
      ctx.waitUntil(runTaskSlice(runtime));
      if (!runtime.menuButton) ctx.waitUntil(ensureMenuButton(runtime));
      if (!runtime.menusSynced && runtime.bot) {
        runtime.menusSynced = true;
        ctx.waitUntil(syncMenus(runtime, runtime.bot));
      }
    }
    return response;
  },

  async scheduled(controller: ScheduledControllerLike, env: WorkerEnv, ctx: ExecutionContextLike): Promise<void> {
    ctx.waitUntil(runScheduledTick(workerRuntime(env), new Date(controller.scheduledTime)));
  },
};
