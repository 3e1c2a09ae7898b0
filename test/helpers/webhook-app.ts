import { count } from 'drizzle-orm';
import type { DbHandle } from '../../db/client.js';
import { intakeLog, leads } from '../../db/schema/index.js';
import { createApp } from '../../src/app.js';
import { testDeps } from './app.js';
import { freshDb } from './db.js';

export const FORM_TOKEN = 'form-secret-123';
export const ZADARMA_API_SECRET = 'zd-secret-456';
export const MANGO_API_KEY = 'mango-key-789';
export const MANGO_API_SALT = 'mango-salt-abc';

/** The real Hono app over a fresh migrated database, with every intake secret configured. */
export async function webhookApp(env: Record<string, string> = {}) {
  const h: DbHandle = await freshDb();
  const deps = testDeps(h.db, { FORM_TOKEN, ZADARMA_API_SECRET, MANGO_API_KEY, MANGO_API_SALT, ...env });
  const app = createApp(deps);
  return {
    h,
    deps,
    app,
    db: h.db,
    request: (path: string, init?: RequestInit) => app.request(path, init),
    leadCount: async () => (await h.db.select({ n: count() }).from(leads))[0]!.n,
    logCount: async () => (await h.db.select({ n: count() }).from(intakeLog))[0]!.n,
    close: () => h.close(),
  };
}

export type WebhookApp = Awaited<ReturnType<typeof webhookApp>>;

export function urlencoded(fields: Record<string, string>): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  };
}

export function json(body: unknown, headers: Record<string, string> = {}): RequestInit {
  return { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}
