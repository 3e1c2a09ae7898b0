import { serve } from '@hono/node-server';
import { count, inArray } from 'drizzle-orm';
import { Hono } from 'hono';
import { leads } from '../db/schema/index.js';
import { createApp } from '../src/app.js';
import { parseEnv } from '../src/config.js';
import { createNodeDeps } from '../src/entry/node-deps.js';
import { openDatabase } from '../src/entry/open-database.js';

/**
 * The product's HTTP app as `npm start` composes it, plus a bare `GET /bench/hello` that exists
 * only here: the baseline of what this machine's HTTP stack serves with no work at all.
 */
export async function startBenchServer(env: Record<string, string | undefined>) {
  const config = parseEnv(env);
  const database = await openDatabase(config);
  const deps = createNodeDeps(config, database);
  const app = new Hono();
  app.get('/bench/hello', (c) => c.text('hello'));
  app.route('/', createApp(deps));
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    countLeads: async () => (await database.db.select({ n: count() }).from(leads))[0]!.n,
    /** How many of these phones (E.164) have a lead, looked up in chunks under SQLite's variable limit. */
    countStored: async (phones: string[]) => {
      const unique = [...new Set(phones)];
      let found = 0;
      for (let i = 0; i < unique.length; i += 500) {
        const chunk = unique.slice(i, i + 500);
        found += (await database.db.select({ n: count() }).from(leads).where(inArray(leads.phone, chunk)))[0]!.n;
      }
      return found === unique.length ? phones.length : found;
    },
    close: () => {
      server.close();
      database.close();
    },
  };
}
