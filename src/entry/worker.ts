import { createApp } from '../app.js';
import { createAppDeps, type AppDeps } from '../app-deps.js';
import { parseEnv } from '../config.js';
import { cachedFonts } from '../render/fonts.js';
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

/** Fonts are bundled as Data modules (wrangler.toml [[rules]]) and loaded only when a PDF or chart is drawn. */
const workerFonts = cachedFonts(async () => {
  const [regular, bold] = await Promise.all([
    import('@expo-google-fonts/roboto/400Regular/Roboto_400Regular.ttf'),
    import('@expo-google-fonts/roboto/700Bold/Roboto_700Bold.ttf'),
  ]);
  return { regular: new Uint8Array(regular.default), bold: new Uint8Array(bold.default) };
});

/** Deps are rebuilt per `env` object (the runtime reuses it within an isolate): no module-level config. */
const depsByEnv = new WeakMap<object, AppDeps>();

export function workerDeps(env: WorkerEnv): AppDeps {
  let deps = depsByEnv.get(env);
  if (!deps) {
    const strings = Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => typeof e[1] === 'string'));
    deps = createAppDeps({ db: workerDb(env), config: parseEnv(strings), fonts: workerFonts });
    depsByEnv.set(env, deps);
  }
  return deps;
}

export default {
  async fetch(request: Request, env: WorkerEnv, ctx: ExecutionContextLike): Promise<Response> {
    const app = createApp(workerDeps(env));
    return app.fetch(request, env, ctx as never);
  },

  async scheduled(controller: ScheduledControllerLike, env: WorkerEnv, ctx: ExecutionContextLike): Promise<void> {
    const deps = workerDeps(env);
    void deps;
    void controller;
    void ctx;
  },
};
