import { sql, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../../../db/client.js';
import { history } from '../../../db/schema/index.js';
import type { EntityType, HistoryAction } from '../../../db/enums.js';
import { CrmError } from './errors.js';
import { newId } from './ids.js';
import type { Actor } from './context.js';

/**
 * Compare-and-set inside one `db.batch`, without interactive transactions (not portable to D1):
 * the statement right after a conditional UPDATE checks `changes()`, SQLite's count of rows the
 * previous statement touched. These builders write the history row of that change.
 */
export interface GuardedHistory {
  entityType: EntityType;
  entityId: string;
  action: HistoryAction;
  actor: Actor;
  at: Date;
  changes?: Record<string, unknown>;
}

/** History written only when the statement just before it changed exactly one row; otherwise a no-op. */
export function historyIfChanged(db: Db, entry: GuardedHistory) {
  return db.insert(history).select(historySelect(entry, sql`${entry.entityType}`, sql`WHERE changes() = 1`));
}

/**
 * History that aborts the whole batch when the statement just before it changed nothing:
 * its entity_type becomes NULL and the NOT NULL constraint rolls every statement back.
 * Callers translate that into "the lead changed meanwhile" with `runGuardedBatch`.
 */
export function historyOrAbort(db: Db, entry: GuardedHistory) {
  return db.insert(history).select(historySelect(entry, sql`CASE WHEN changes() = 1 THEN ${entry.entityType} END`, sql``));
}

/**
 * The history row as a SELECT, for `INSERT ... SELECT` through the query builder: a raw
 * `db.run(sql)` cannot ride in a D1 batch, a builder query can, on every driver.
 * Columns in the table's order: id, entity_type, entity_id, action, actor_kind, actor_id, actor_label, changes, created_at.
 */
function historySelect(entry: GuardedHistory, entityType: SQL, where: SQL): SQL {
  const changes = entry.changes ? JSON.stringify(entry.changes) : null;
  return sql`SELECT ${newId()}, ${entityType}, ${entry.entityId}, ${entry.action}, ${entry.actor.kind}, ${entry.actor.id},
      ${entry.actor.label}, ${changes}, ${entry.at.getTime()} ${where}`;
}

export function isGuardAbort(e: unknown): boolean {
  for (let err: unknown = e; err; err = (err as { cause?: unknown }).cause) {
    if (/NOT NULL constraint failed: history\.entity_type/.test((err as Error).message ?? '')) return true;
  }
  return false;
}

export const staleRecord = (what = 'lead') =>
  new CrmError('CONFLICT', `The ${what} changed meanwhile: look at it again`, { rule: `${what}_changed` });

export type Statement = BatchItem<'sqlite'>;

/** Runs a batch whose guards may abort it, turning the abort into a CONFLICT the adapters explain. */
export async function runGuardedBatch(db: Db, statements: Statement[], what = 'lead'): Promise<unknown[]> {
  const [first, ...rest] = statements;
  if (!first) return [];
  try {
    return await db.batch([first, ...rest]);
  } catch (e) {
    if (isGuardAbort(e)) throw staleRecord(what);
    throw e;
  }
}
