import { createBot, type CrmBot } from '../../bot/create-bot.js';
import type { SendPacer } from '../../bot/outbox/rate-limiter.js';
import type { DbHandle } from '../../db/client.js';
import { createAppDeps, type AppDeps } from '../../src/app-deps.js';
import { parseEnv } from '../../src/config.js';
import { nodeFonts } from '../../src/entry/node-fonts.js';
import { nodeResvgWasm } from '../../src/entry/node-resvg.js';
import { freshDb } from './db.js';
import { FakeBotApi, testBotInfo } from './telegram.js';

export interface WiredBot {
  h: DbHandle;
  api: FakeBotApi;
  deps: AppDeps;
  bot: CrmBot;
}

/**
 * The bot wired as the Node entry wires it, over a fresh database and the fake Bot API: config parsed
 * from `env` (silent logs unless it says otherwise), the real clock, and the product's own pacer unless
 * `limiter` replaces it. Unlike botWorld, nothing runs after updates; the caller closes `h`.
 */
export async function wiredBot(env: Record<string, string>, opts: { limiter?: SendPacer; onOutbox?: () => void } = {}): Promise<WiredBot> {
  const h = await freshDb();
  const api = new FakeBotApi();
  const config = parseEnv({ DATABASE_URL: ':memory:', LOG_LEVEL: 'silent', ...env });
  const deps = createAppDeps({ db: h.db, config, fonts: nodeFonts, resvgWasm: nodeResvgWasm, ...(opts.onOutbox && { onOutbox: opts.onOutbox }) });
  const bot = createBot({ ...deps, token: '1:T', botInfo: testBotInfo, fetch: api.fetch as never, ...(opts.limiter && { limiter: opts.limiter }) });
  return { h, api, deps, bot };
}
