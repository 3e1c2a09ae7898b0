import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createDb, type DbHandle } from '../../db/client.js';
import { runMigrations } from '../../db/migrate.js';
import type { Config } from '../config.js';

/** Node only: makes the folder of an embedded database file, opens it and applies pending migrations. */
export async function openDatabase(config: Config, opts: { migrate?: boolean } = {}): Promise<DbHandle> {
  const url = config.DATABASE_URL;
  if (url.startsWith('file:') && !url.includes(':memory:')) {
    const path = url.slice('file:'.length).replace(/^\/\/(localhost)?/, '');
    mkdirSync(dirname(path), { recursive: true });
  }
  const handle = await createDb(config.DATABASE_AUTH_TOKEN ? { url, authToken: config.DATABASE_AUTH_TOKEN } : { url });
  const embedded = handle.client.protocol === 'file';
  if (opts.migrate ?? embedded) await runMigrations(handle.db);
  return handle;
}
