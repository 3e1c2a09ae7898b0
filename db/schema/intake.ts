import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { INTAKE_OUTCOMES } from '../enums.js';
import { id, timestamp } from './columns.js';

/** Partners send leads with a key; only its SHA-256 is stored, the key is shown once. */
export const partners = sqliteTable('partners', {
  id: id(),
  name: text('name').notNull(),
  keyHash: text('key_hash').notNull().unique(),
  /** The first characters of the key, so an operator can tell keys apart in logs. */
  keyPrefix: text('key_prefix').notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdAt: timestamp('created_at').notNull(),
});

/** Stripe-style idempotency: the first answer for a (partner, key) is replayed verbatim. */
export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    partnerId: text('partner_id').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    status: integer('status').notNull(),
    responseBody: text('response_body').notNull(),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.partnerId, t.key] }), index('idempotency_keys_created').on(t.createdAt)],
);

/** Every authenticated intake request as received, with what became of it. */
export const intakeLog = sqliteTable(
  'intake_log',
  {
    id: id(),
    source: text('source').notNull(),
    contentType: text('content_type'),
    body: text('body').notNull(),
    outcome: text('outcome', { enum: INTAKE_OUTCOMES }).notNull(),
    leadId: text('lead_id'),
    error: text('error'),
    receivedAt: timestamp('received_at').notNull(),
  },
  (t) => [index('intake_log_received').on(t.receivedAt), index('intake_log_outcome').on(t.outcome)],
);

/**
 * Requests counted per sender address and fixed window on the public intake endpoints. Kept in
 * the database, not in memory, so every instance (and every Workers isolate) shares one count.
 */
export const rateLimits = sqliteTable(
  'rate_limits',
  {
    /** `<route>:<address>`, e.g. `form:203.0.113.7`. */
    bucket: text('bucket').notNull(),
    /** Start of the window in seconds since the epoch. */
    windowStart: integer('window_start').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.bucket, t.windowStart] }), index('rate_limits_window').on(t.windowStart)],
);
