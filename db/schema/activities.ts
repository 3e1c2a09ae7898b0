import { sql } from 'drizzle-orm';
import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { ACTIVITY_KINDS } from '../enums.js';
import { id, timestamp, timestamps } from './columns.js';
import { members } from './members.js';
import { leads } from './leads.js';
import { deals } from './deals.js';

/** A dated next step (call, meeting, task). An activity is open while done_at is null. */
export const activities = sqliteTable(
  'activities',
  {
    id: id(),
    kind: text('kind', { enum: ACTIVITY_KINDS }).notNull(),
    subject: text('subject').notNull(),
    dueAt: timestamp('due_at').notNull(),
    doneAt: timestamp('done_at'),
    /** What happened: a call outcome ("no_answer") or free text. */
    result: text('result'),
    note: text('note'),
    assigneeId: text('assignee_id').references(() => members.id),
    leadId: text('lead_id').references(() => leads.id),
    dealId: text('deal_id').references(() => deals.id),
    createdBy: text('created_by'),
    ...timestamps,
  },
  (t) => [
    // A record's open steps soonest first and its done ones newest first, straight from the index.
    index('activities_lead_open').on(t.leadId, t.doneAt, t.dueAt),
    index('activities_deal_open').on(t.dealId, t.doneAt, t.dueAt),
    // Open deal steps by due time: the board's big columns walk it soonest first, the dashboard counts late ones.
    index('activities_deal_next').on(t.dueAt, t.dealId).where(sql`${sql.raw('done_at')} IS NULL AND ${sql.raw('deal_id')} IS NOT NULL`),
    index('activities_assignee_due').on(t.assigneeId, t.doneAt, t.dueAt),
    index('activities_due_open').on(t.doneAt, t.dueAt),
  ],
);

export type ActivityRow = typeof activities.$inferSelect;
