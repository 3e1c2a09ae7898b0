import { createDb, type DbHandle } from '../../db/client.js';
import { runMigrations } from '../../db/migrate.js';

/** A fresh, migrated in-memory libSQL database: the real engine and the real migrations. */
export async function freshDb(): Promise<DbHandle> {
  const handle = await createDb({ url: ':memory:' });
  await runMigrations(handle.db);
  return handle;
}
