import { afterEach, beforeEach } from 'vitest';
import { createDb, type DbHandle } from '../../db/client.js';
import { runMigrations } from '../../db/migrate.js';
import { systemActor, type Actor, type CoreContext } from '../../src/core/shared/context.js';
import { coreContext, TestClock } from './context.js';

/** A fresh, migrated in-memory libSQL database: the real engine and the real migrations. */
export async function freshDb(): Promise<DbHandle> {
  const handle = await createDb({ url: ':memory:' });
  await runMigrations(handle.db);
  return handle;
}

/** The database handle and clock each test of a `describe` block gets from `useFreshDb`. */
export interface FreshDb extends DbHandle {
  clock: TestClock;
  /** A use-case context on this database and clock, acting as `actor` (the system when left out). */
  ctx(actor?: Actor): CoreContext;
}

/**
 * Gives every test of the enclosing `describe` its own fresh database and a clock standing at `now`
 * (TestClock's default when left out), and closes the database after the test.
 * Its fields are replaced before each test: read them inside tests and hooks, never at describe level.
 */
export function useFreshDb(opts: { now?: string | Date } = {}): FreshDb {
  const world = {} as FreshDb;
  beforeEach(async () => {
    const handle = await freshDb();
    const clock = new TestClock(opts.now ? new Date(opts.now) : undefined);
    const ctx = (actor: Actor = systemActor) => coreContext(handle.db, { actor, clock });
    Object.assign(world, handle, { clock, ctx });
  });
  afterEach(() => world.close());
  return world;
}
