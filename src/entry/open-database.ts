import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { createDb, type DbHandle } from '../../db/client.js';
import { runMigrations } from '../../db/migrate.js';
import type { Config } from '../config.js';

/** Leads are personal data: the database and its folder are for the CRM's own user only. */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Node only: opens the database; for an embedded file, first makes its folder (0700) and the file
 * (0600; SQLite gives its -wal and -shm files the database file's mode). Migrations are applied by
 * the server's start (embedded files) and by `crm migrate`; every other CLI command passes
 * `migrate: false` and leaves the schema as it is (a backup "before upgrade" must not be upgraded).
 */
export async function openDatabase(config: Config, opts: { migrate?: boolean } = {}): Promise<DbHandle> {
  const url = config.DATABASE_URL;
  const path = embeddedPath(url);
  if (path) preparePrivateFile(path);
  const handle = await createDb(config.DATABASE_AUTH_TOKEN ? { url, authToken: config.DATABASE_AUTH_TOKEN } : { url });
  // By default (the server's start) an embedded file is migrated; a remote one by `crm migrate` only.
  if (opts.migrate ?? handle.client.protocol === 'file') await runMigrations(handle.db);
  return handle;
}

/** The file path of a `file:` URL, or null for `:memory:` and remote databases. */
export function embeddedPath(url: string): string | null {
  if (!url.startsWith('file:') || url.includes(':memory:')) return null;
  return url.slice('file:'.length).replace(/^\/\/(localhost)?/, '').replace(/\?.*$/, '');
}

/**
 * A folder made here is 0700 (an existing one is the operator's choice and left alone); the file is
 * created 0600 before SQLite opens it, and an existing database file of ours is tightened to 0600.
 */
export function preparePrivateFile(path: string): void {
  const dir = dirname(path);
  if (!existsSync(dir)) {
    mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
    chmodSync(dir, PRIVATE_DIR_MODE); // mkdir's mode is filtered by the umask
  }
  closeSync(openSync(path, 'a', PRIVATE_FILE_MODE));
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    try {
      chmodSync(file, PRIVATE_FILE_MODE);
    } catch {
      // -wal and -shm exist only while a connection is open; a file owned by another user stays as it is
    }
  }
}
