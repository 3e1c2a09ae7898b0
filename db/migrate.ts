import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { migrate } from 'drizzle-orm/libsql/migrator';
import type { Db } from './client.js';

/** Where drizzle-kit writes migrations; the Node entry, the CLI and tests all apply these. */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

/**
 * Applies pending migrations. drizzle's migrator reads the last applied migration outside its
 * write transaction, so when several processes start together on one fresh file, the losers try
 * to apply what the winner just applied ("table already exists") and roll back. A fresh read then
 * sees the winner's work, so a failed run is retried while other runs are making progress.
 */
export async function runMigrations(db: Db): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    } catch (e) {
      if ((await migrationState(db)).pending === 0) return;
      if (attempt >= 5) throw e;
      await new Promise((r) => setTimeout(r, 50 * attempt));
    }
  }
}

/** Migrations this database has applied, and those of MIGRATIONS_FOLDER it has not (all of them on an empty file). */
export async function migrationState(db: Db): Promise<{ applied: number; pending: number }> {
  const files = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER });
  const [table] = await db.all<{ name: string }>(sql`SELECT name FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'`);
  if (!table) return { applied: 0, pending: files.length };
  const [row] = await db.all<{ applied: number; last: number | null }>(
    sql`SELECT COUNT(*) AS applied, MAX(created_at) AS last FROM __drizzle_migrations`,
  );
  const last = Number(row?.last ?? 0);
  return { applied: Number(row?.applied ?? 0), pending: files.filter((m) => m.folderMillis > last).length };
}
