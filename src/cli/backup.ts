import { chmodSync, existsSync, unlinkSync } from 'node:fs';
import { resolve } from 'node:path';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Config } from '../config.js';
import { PRIVATE_FILE_MODE, preparePrivateFile } from '../entry/open-database.js';

/**
 * `VACUUM INTO` writes a consistent, compacted copy while the server keeps running (WAL readers
 * do not block it). For Turso and D1 the platform's own backups apply instead.
 */
export async function backupDatabase(db: Db, config: Config, file: string | undefined): Promise<string> {
  if (!config.DATABASE_URL.startsWith('file:')) {
    throw new Error('backup copies an embedded database file; for Turso or D1 use the platform backups');
  }
  if (!file) throw new Error('Give the backup file: npm run crm -- backup ./backups/crm-2026-11-27.db');
  const target = resolve(file);
  if (existsSync(target)) throw new Error(`${target} exists: choose a new file name`);
  // VACUUM INTO accepts an empty file: made 0600 (in a 0700 folder when new) before the copy lands in it.
  preparePrivateFile(target);
  try {
    await db.run(sql`VACUUM INTO ${target}`);
  } catch (e) {
    unlinkSync(target);
    throw e;
  }
  chmodSync(target, PRIVATE_FILE_MODE);
  return target;
}
