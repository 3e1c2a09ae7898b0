import { createClient, type Client } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import * as schema from './schema/index.js';

export type Schema = typeof schema;
/**
 * The database handle every use case takes. On Workers a D1 or remote libSQL handle is
 * cast to this type at the entry: all of them share the async SQLite query builder and `batch`.
 */
export type Db = LibSQLDatabase<Schema>;

export interface DbHandle {
  db: Db;
  client: Client;
  close(): void;
}

export interface CreateDbOptions {
  url: string;
  authToken?: string;
}

/**
 * How long a statement on an embedded file waits for another process's lock before SQLITE_BUSY.
 * Given to the client, so every pooled connection is opened with it, before any PRAGMA runs:
 * switching a fresh file to WAL takes a lock that several processes starting at once contend for.
 */
export const BUSY_TIMEOUT_MS = 5_000;

/** Opens libSQL: `file:./data/crm.db` embedded, `:memory:` in tests, `libsql://...` for Turso. */
export async function createDb({ url, authToken }: CreateDbOptions): Promise<DbHandle> {
  const client = createClient({ url, ...(authToken ? { authToken } : {}), timeout: BUSY_TIMEOUT_MS });
  if (client.protocol === 'file') await tuneEmbedded(client, url);
  const db = drizzle(client, { schema });
  return { db, client, close: () => client.close() };
}

/**
 * WAL lets readers run beside the writer; synchronous=NORMAL in WAL mode keeps every
 * committed transaction across a process crash (only an OS crash can lose the last ones),
 * at about 3x the write rate of FULL. The embedded client runs every statement on one
 * connection unless an interactive transaction is open, and we use none, so these stick.
 */
async function tuneEmbedded(client: Client, url: string): Promise<void> {
  // The busy timeout must come first: it is already set by the client's `timeout` option on open.
  await client.execute(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
  if (!url.includes(':memory:')) await client.execute('PRAGMA journal_mode = WAL');
  await client.execute('PRAGMA synchronous = NORMAL');
  await client.execute('PRAGMA foreign_keys = ON');
}

export { schema };
