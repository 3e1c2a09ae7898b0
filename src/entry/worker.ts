import type { Hono } from 'hono';
import { createBot, type CrmBot } from '../../bot/create-bot.js';
import { deliverOutbox } from '../../bot/outbox/deliver.js';
import { createApp } from '../app.js';
import { createAppDeps, type AppDeps } from '../app-deps.js';
import { parseEnv } from '../config.js';
import { runDueJobs } from '../jobs/run-due-jobs.js';
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
}

/**
 * Everything is built from the `env` the runtime hands over (no module-level config) and kept
 * for as long as the isolate reuses that same env object, so the bot's getMe runs once per isolate.
 */
const runtimes = new WeakMap<object, WorkerRuntime>();

export function workerRuntime(env: WorkerEnv): WorkerRuntime {
  let runtime = runtimes.get(env);
  if (!runtime) {
    const strings = Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => typeof e[1] === 'string'));
    const config = parseEnv(strings);
    const deps = createAppDeps({ db: workerDb(env), config, fonts: workerFonts, resvgWasm: workerResvgWasm });
    const { TELEGRAM_BOT_TOKEN: token, TELEGRAM_API_ROOT: apiRoot } = config;
    const bot = token ? createBot({ ...deps, token, ...(apiRoot ? { apiRoot } : {}) }) : undefined;
    runtime = { deps, bot, app: createApp(deps, bot ? { bot } : {}) };
    runtimes.set(env, runtime);
  }
  return runtime;
}

/** One cron tick: the due jobs queue their messages, then the outbox is drained within the rate limits. */
export async function runScheduledTick(runtime: WorkerRuntime, at: Date): Promise<void> {
  const outcomes = await runDueJobs(runtime.deps, at);
  for (const o of outcomes) if (o.error) runtime.deps.log.error(`job ${o.name} failed`, o.error);
  if (runtime.bot) await deliverOutbox(runtime.deps, runtime.bot, { limit: 500 });
}

export default {
  async fetch(request: Request, env: WorkerEnv, ctx: ExecutionContextLike): Promise<Response> {
    return workerRuntime(env).app.fetch(request, env, ctx as never);
  },

  async scheduled(controller: ScheduledControllerLike, env: WorkerEnv, ctx: ExecutionContextLike): Promise<void> {
    ctx.waitUntil(runScheduledTick(workerRuntime(env), new Date(controller.scheduledTime)));
  },
};
