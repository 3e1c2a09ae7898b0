import type { DbHandle } from '../../db/client.js';
import { createBot, type CrmBot } from '../../bot/create-bot.js';
import { deliverOutbox } from '../../bot/outbox/deliver.js';
import { unlimited } from '../../bot/outbox/rate-limiter.js';
import { testDeps } from './app.js';
import type { TestClock } from './context.js';
import { freshDb } from './db.js';
import { FakeBotApi, testBotInfo } from './telegram.js';

export interface PhotoCall {
  chatId: string | null;
  caption: string | null;
  /** Raw multipart body: the PNG travels inside it. */
  body: Uint8Array;
}

/**
 * The bot over a fresh database with the chart's wasm injected, a FakeBotApi for JSON calls, and
 * a record of multipart uploads (sendPhoto), which the fake cannot parse as JSON.
 */
export async function jobsBotWorld(clock?: TestClock) {
  const h: DbHandle = await freshDb();
  const base = testDeps(h.db, { LOG_LEVEL: 'silent', LEADS_CHAT_ID: '-100500' }, clock);
  const deps = base;
  const api = new FakeBotApi();
  const photos: PhotoCall[] = [];
  const fetch = async (url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const method = String(url).split('/').pop()!;
    if (method === 'sendPhoto' && init?.body && typeof init.body !== 'string') {
      const body = new Uint8Array(await new Response(init.body as BodyInit).arrayBuffer());
      const text = new TextDecoder('latin1').decode(body);
      const field = (name: string) => new RegExp(`name="${name}"\\r\\n\\r\\n([\\s\\S]*?)\\r\\n--`).exec(text)?.[1] ?? null;
      const caption = field('caption');
      photos.push({ chatId: field('chat_id'), caption: caption && Buffer.from(caption, 'latin1').toString('utf8'), body });
      return api.fetch(url, { ...init, body: JSON.stringify({ chat_id: Number(field('chat_id')), caption }) });
    }
    return api.fetch(url, init);
  };
  const bot: CrmBot = createBot({ ...deps, token: '123:TEST', botInfo: testBotInfo, fetch: fetch as never, limiter: unlimited() });
  return {
    h,
    deps,
    api,
    bot,
    photos,
    deliver: () => deliverOutbox(deps, bot, { limit: 100 }),
    close: () => h.close(),
  };
}

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
