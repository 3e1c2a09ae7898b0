import type { Db } from '../../../db/client.js';
import type { EntityType, HistoryAction } from '../../../db/enums.js';
import { history, outbox } from '../../../db/schema/index.js';
import { actorColumns, type Actor } from './context.js';
import { newId } from './ids.js';

/**
 * Statement builders for the two rows that accompany every write: a history line and,
 * where someone must hear of it, an outbox message. Use cases put them in the same
 * `db.batch` as the change itself, so a change never lands without its trace.
 */
export type HistoryInput = { entityType: EntityType; entityId: string; action: HistoryAction; actor: Actor; at: Date; changes?: Record<string, unknown> };

export function historyEntry(db: Db, entry: HistoryInput) {
  return db.insert(history).values(historyValues(entry));
}

/** A history row as values, for a multi-row insert (a bulk import). */
export function historyValues(entry: HistoryInput): typeof history.$inferInsert {
  return {
    id: newId(),
    entityType: entry.entityType,
    entityId: entry.entityId,
    action: entry.action,
    ...actorColumns(entry.actor),
    changes: entry.changes ?? null,
    createdAt: entry.at,
  };
}

export interface OutboxMessage {
  kind: string;
  payload: Record<string, unknown>;
  at: Date;
  chatId?: number | null;
  memberId?: string | null;
  /** Same key, same message: a second insert is silently dropped. */
  dedupeKey?: string;
  /** Deliver no earlier than this (defaults to `at`). */
  notBefore?: Date;
}

export function outboxEntry(db: Db, message: OutboxMessage) {
  return db
    .insert(outbox)
    .values({
      id: newId(),
      kind: message.kind,
      chatId: message.chatId ?? null,
      memberId: message.memberId ?? null,
      payload: message.payload,
      nextAttemptAt: message.notBefore ?? message.at,
      dedupeKey: message.dedupeKey ?? null,
      createdAt: message.at,
    })
    .onConflictDoNothing();
}

/** Field-by-field diff for history: `{ status: ['new', 'assigned'] }`. */
export function diff<T extends Record<string, unknown>>(before: T, after: Partial<T>): Record<string, [unknown, unknown]> {
  const changes: Record<string, [unknown, unknown]> = {};
  for (const [key, value] of Object.entries(after)) {
    const old = before[key];
    const same = old instanceof Date && value instanceof Date ? old.getTime() === value.getTime() : old === value;
    if (!same && value !== undefined) changes[key] = [old ?? null, value ?? null];
  }
  return changes;
}

/** SQLite reports a UNIQUE or PRIMARY KEY violation this way on every libSQL transport and on D1. */
export function isUniqueViolation(e: unknown): boolean {
  for (let err: unknown = e; err; err = (err as { cause?: unknown }).cause) {
    const text = `${(err as { code?: string }).code ?? ''} ${(err as Error).message ?? ''}`;
    if (/UNIQUE constraint failed|SQLITE_CONSTRAINT_(UNIQUE|PRIMARYKEY)/i.test(text)) return true;
  }
  return false;
}
