import { count } from 'drizzle-orm';
import { afterEach, beforeEach } from 'vitest';
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

/**
 * Gives every test of the enclosing `describe` its own webhookApp(env) and closes it after the test.
 * Its fields are replaced before each test: read them inside tests and hooks, never at describe level.
 */
export function useWebhookApp(env: Record<string, string> = {}): WebhookApp {
  const t = {} as WebhookApp;
  beforeEach(async () => {
    Object.assign(t, await webhookApp(env));
  });
  afterEach(() => t.close());
  return t;
}

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
