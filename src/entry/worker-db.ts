import { drizzle as drizzleD1 } from 'drizzle-orm/d1';
import { drizzle as drizzleLibsql } from 'drizzle-orm/libsql/web';
import { createClient } from '@libsql/client/web';
import type { Db } from '../../db/client.js';
import * as schema from '../../db/schema/index.js';

export type D1Binding = Parameters<typeof drizzleD1>[0];

export interface WorkerStorageEnv {
  DB?: D1Binding;
  LIBSQL_URL?: string;
  LIBSQL_AUTH_TOKEN?: string;
}

/**
 * Picks the Worker's database: a remote libSQL (Turso) when LIBSQL_URL is set, else the D1
 * binding `DB`. Both speak the same async SQLite dialect with an atomic `batch`, which is all
 * src/core uses, so the D1 handle is given the libSQL type the core is written against.
 */
export function workerDb(env: WorkerStorageEnv): Db {
  if (env.LIBSQL_URL) {
    const client = createClient({ url: env.LIBSQL_URL, ...(env.LIBSQL_AUTH_TOKEN ? { authToken: env.LIBSQL_AUTH_TOKEN } : {}) });
    return drizzleLibsql(client, { schema }) as unknown as Db;
  }
  if (env.DB) return drizzleD1(env.DB, { schema }) as unknown as Db;
  throw new Error('No database: bind a D1 database as DB in wrangler.toml, or set LIBSQL_URL (and LIBSQL_AUTH_TOKEN)');
}
