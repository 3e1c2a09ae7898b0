import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { createDb } from '../../db/client.js';
import { MIGRATIONS_FOLDER, migrationState } from '../../db/migrate.js';

/** Makes an embedded database file with every migration but the newest applied: "before an upgrade". */
export async function databaseOneMigrationBehind(file: string): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'crm-migrations-'));
  try {
    cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
    const journalFile = join(folder, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: unknown[] };
    journal.entries.pop();
    writeFileSync(journalFile, JSON.stringify(journal));
    const h = await createDb({ url: `file:${file}` });
    try {
      await migrate(h.db, { migrationsFolder: folder });
    } finally {
      h.close();
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

export async function pendingMigrationsOf(file: string): Promise<number> {
  const h = await createDb({ url: `file:${file}` });
  try {
    return (await migrationState(h.db)).pending;
  } finally {
    h.close();
  }
}
