import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * The owner's dashboard, pre-counted per UTC day: a period's figures add up whole days from here instead
 * of scanning a 90-day cohort of raw rows. Kept exact by triggers on leads and deals (migration
 * 0016_dashboard_triggers), so no writer can forget them. Each fact is counted four times, once per
 * scope: its (assignee, channel), (assignee, '*'), ('*', channel) and ('*', '*'), so any manager and
 * channel filter reads one key range. No assignee is '' (NULL is not unique in a primary key); '*' is "all".
 */
export const dashboardLeadDays = sqliteTable(
  'dashboard_lead_days',
  {
    assigneeId: text('assignee_id').notNull(),
    channel: text('channel').notNull(),
    /** UTC day of the lead's created_at: floor(ms / 86,400,000). */
    day: integer('day').notNull(),
    leads: integer('leads').notNull(),
    /** Leads of that day with a deal, and those whose deal is won. */
    deals: integer('deals').notNull(),
    won: integer('won').notNull(),
    /** Leads of that day with a first touch (the rest are untouched). */
    touched: integer('touched').notNull(),
  },
  (t) => [primaryKey({ columns: [t.assigneeId, t.channel, t.day] })],
);

/** Lost deals and junked leads per UTC day of closed_at and reason ('' for none), by the deal's or lead's own assignee and channel. */
export const dashboardClosedDays = sqliteTable(
  'dashboard_closed_days',
  {
    assigneeId: text('assignee_id').notNull(),
    channel: text('channel').notNull(),
    kind: text('kind', { enum: ['lost', 'junk'] }).notNull(),
    day: integer('day').notNull(),
    reason: text('reason').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.assigneeId, t.channel, t.kind, t.day, t.reason] })],
);

/** Touched leads per UTC day of created_at and delay bucket (first_touched_at - created_at), for the median. */
export const dashboardTouchDays = sqliteTable(
  'dashboard_touch_days',
  {
    assigneeId: text('assignee_id').notNull(),
    channel: text('channel').notNull(),
    day: integer('day').notNull(),
    /** The bucket's lower bound in ms, one of dashboard_touch_buckets. */
    bucket: integer('bucket').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.assigneeId, t.channel, t.day, t.bucket] })],
);

/** Lower bounds (ms) of the delay buckets: see src/core/reports/touch-buckets.ts, which makes the same list. */
export const dashboardTouchBuckets = sqliteTable('dashboard_touch_buckets', {
  lo: integer('lo').primaryKey(),
});
