import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { ACTOR_KINDS, ENTITY_TYPES, HISTORY_ACTIONS } from '../enums.js';
import { id, timestamp } from './columns.js';

/**
 * Append-only timeline of every change. Nothing updates or deletes these rows.
 * `changes` is `{ field: [before, after] }` for edits, or event data ("repeat request", "call logged").
 */
export const history = sqliteTable(
  'history',
  {
    id: id(),
    entityType: text('entity_type', { enum: ENTITY_TYPES }).notNull(),
    entityId: text('entity_id').notNull(),
    action: text('action', { enum: HISTORY_ACTIONS }).notNull(),
    actorKind: text('actor_kind', { enum: ACTOR_KINDS }).notNull(),
    actorId: text('actor_id'),
    actorLabel: text('actor_label').notNull(),
    changes: text('changes', { mode: 'json' }).$type<Record<string, unknown>>(),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [index('history_entity').on(t.entityType, t.entityId, t.createdAt)],
);

export type HistoryRow = typeof history.$inferSelect;
