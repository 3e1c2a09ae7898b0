import type { DbHandle } from '../../db/client.js';
import { createBot, type CrmBot } from '../../bot/create-bot.js';
import { deliverOutbox } from '../../bot/outbox/deliver.js';
import { RateLimiter } from '../../bot/outbox/rate-limiter.js';
import { testDeps } from './app.js';
import type { TestClock } from './context.js';
import { runTasksAfterUpdates } from './background-tasks.js';
import { freshDb } from './db.js';
import { FakeBotApi, testBotInfo } from './telegram.js';

export interface PhotoCall {
  chatId: string | null;
  caption: string | null;
  /** Raw multipart body: the PNG travels inside it. */
  body: Uint8Array;
}

/**
 * The bot over a fresh database with the chart's wasm injected, against the strict fake Bot API
 * (which also decodes the multipart uploads of sendPhoto).
 */
export async function jobsBotWorld(clock?: TestClock) {
  const h: DbHandle = await freshDb();
  const base = testDeps(h.db, { LOG_LEVEL: 'silent', LEADS_CHAT_ID: '-100500' }, clock);
  const deps = base;
  const api = new FakeBotApi({ follow: () => deps.now().getTime() });
  const limiter = new RateLimiter({ now: api.now, sleep: api.pacedSleep });
  const bot: CrmBot = createBot({ ...deps, token: '123:TEST', botInfo: testBotInfo, fetch: api.fetch as never, limiter });
  // `/report` queues its chart: it is drawn and sent right after the update, as Node's runner does on the kick.
  const background = runTasksAfterUpdates(bot, deps);
  return {
    background,
    h,
    deps,
    api,
    bot,
    /** Photos the bot sent, as the fake Bot API received them. */
    get photos(): PhotoCall[] {
      return api.uploads
        .filter((u) => u.method === 'sendPhoto')
        .map((u) => ({ chatId: String(u.chatId), caption: u.caption || null, body: u.raw }));
    },
    deliver: () => deliverOutbox(deps, bot, { limit: 100 }),
    close: () => h.close(),
  };
}

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
