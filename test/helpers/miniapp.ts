import type { Db } from '../../db/client.js';
import { members } from '../../db/schema/index.js';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach } from 'vitest';
import { signInitData } from '../../miniapp/init-data.js';
import { createApp } from '../../src/app.js';
import { testDeps } from './app.js';
import { freshDb } from './db.js';

export const MINIAPP_BOT_TOKEN = '123456:miniapp-test-token';

/** initData as Telegram's client would hand it to the page, signed with `token` (the bot's, unless a test forges it). */
export async function initDataFor(telegramId: number, authDate: Date, token = MINIAPP_BOT_TOKEN): Promise<string> {
  return signInitData(
    {
      query_id: 'AAHdF6IQAAAAAN0XohDhrOrc',
      user: JSON.stringify({ id: telegramId, first_name: 'Test', language_code: 'ru' }),
      auth_date: String(Math.floor(authDate.getTime() / 1000)),
    },
    token,
  );
}

/** The real app over a fresh database, with the Mini App's API and a signed-request helper. */
export async function miniApp() {
  const handle = await freshDb();
  const deps = testDeps(handle.db, { TELEGRAM_BOT_TOKEN: MINIAPP_BOT_TOKEN });
  const app = createApp(deps);
  const telegramIdOf = async (db: Db, memberId: string) =>
    (await db.select({ t: members.telegramId }).from(members).where(eq(members.id, memberId)))[0]!.t;
  return {
    handle,
    db: handle.db,
    deps,
    clock: deps.clock,
    app,
    /** A request as the member's Mini App sends it (fresh initData unless `initData` is given). */
    async as(memberId: string, path: string, init: RequestInit & { initData?: string; json?: unknown } = {}) {
      const initData = init.initData ?? (await initDataFor(await telegramIdOf(handle.db, memberId), deps.clock.now()));
      const headers = new Headers(init.headers);
      headers.set('authorization', `tma ${initData}`);
      let body = init.body;
      if (init.json !== undefined) {
        headers.set('content-type', 'application/json');
        body = JSON.stringify(init.json);
      }
      return app.request(`/app/api${path}`, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body: body ?? null });
    },
    close: () => handle.close(),
  };
}

export type MiniApp = Awaited<ReturnType<typeof miniApp>>;

/**
 * Gives every test of the enclosing `describe` its own miniApp() and closes it after the test.
 * Its fields are replaced before each test: read them inside tests and hooks, never at describe level.
 */
export function useMiniApp(): MiniApp {
  const t = {} as MiniApp;
  beforeEach(async () => {
    Object.assign(t, await miniApp());
  });
  afterEach(() => t.close());
  return t;
}
