import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { TASK_STATES } from '../enums.js';
import { id, timestamp } from './columns.js';

/**
 * Work that takes longer than a Telegram answer may (a CSV import, a proposal PDF): queued in the
 * database so it survives a restart, run by whichever instance holds its lease. `progress` is
 * written in the same batch as the work it describes, so a resumed task never repeats a step.
 */
export const tasks = sqliteTable(
  'tasks',
  {
    id: id(),
    kind: text('kind').notNull(),
    payload: text('payload', { mode: 'json' }).notNull().$type<Record<string, unknown>>(),
    state: text('state', { enum: TASK_STATES }).notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    runAfter: timestamp('run_after').notNull(),
    leaseUntil: timestamp('lease_until'),
    /** Who holds the lease: set on every claim, checked in the same batch as each step's write (a runner that lost it writes nothing). */
    leaseId: text('lease_id'),
    progress: text('progress', { mode: 'json' }).$type<Record<string, unknown>>(),
    /** What the task is about, to find an earlier one (e.g. `csv:<file_unique_id>`). */
    subject: text('subject'),
    lastError: text('last_error'),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
    finishedAt: timestamp('finished_at'),
  },
  (t) => [index('tasks_due').on(t.state, t.runAfter), index('tasks_subject').on(t.subject)],
);
