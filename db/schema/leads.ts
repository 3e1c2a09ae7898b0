import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { CHANNELS, JUNK_REASONS, LEAD_STATUSES } from '../enums.js';
import { id, timestamp, timestamps, utmColumns } from './columns.js';
import { members } from './members.js';
import { contacts } from './contacts.js';

const OPEN = sql.raw(`status NOT IN ('converted', 'junk')`);

export const leads = sqliteTable(
  'leads',
  {
    id: id(),
    /** The human number managers say aloud: "lead #123". */
    number: integer('number').notNull().unique(),
    name: text('name'),
    /** E.164, e.g. +79991234567; the extension is kept apart so dedupe matches the line. */
    phone: text('phone'),
    phoneExt: text('phone_ext'),
    /** What the sender wrote when it could not be parsed as a phone: kept for a human to read. */
    phoneRaw: text('phone_raw'),
    email: text('email'),
    companyName: text('company_name'),
    comment: text('comment'),
    channel: text('channel', { enum: CHANNELS }).notNull(),
    /** Which form, PBX line or partner: "tilda:form123", "zadarma:+74951234567", "partner:Acme". */
    source: text('source'),
    ...utmColumns,
    pageUrl: text('page_url'),
    referrer: text('referrer'),
    status: text('status', { enum: LEAD_STATUSES }).notNull().default('new'),
    junkReason: text('junk_reason', { enum: JUNK_REASONS }),
    junkNote: text('junk_note'),
    assigneeId: text('assignee_id').references(() => members.id),
    contactId: text('contact_id').references(() => contacts.id),
    partnerId: text('partner_id'),
    /** How many more times the same person asked while this lead was open. */
    repeatCount: integer('repeat_count').notNull().default(0),
    /** Form fields we did not recognise, kept verbatim as JSON. */
    extra: text('extra', { mode: 'json' }).$type<Record<string, unknown>>(),
    firstTouchedAt: timestamp('first_touched_at'),
    closedAt: timestamp('closed_at'),
    ...timestamps,
  },
  (t) => [
    // The database itself refuses a second open lead for the same phone or email,
    // so dedupe holds even when two processes take the same request at once.
    uniqueIndex('leads_open_phone').on(t.phone).where(sql`${sql.raw('phone')} IS NOT NULL AND ${OPEN}`),
    uniqueIndex('leads_open_email').on(t.email).where(sql`${sql.raw('email')} IS NOT NULL AND ${OPEN}`),
    index('leads_phone').on(t.phone),
    index('leads_email').on(t.email),
    index('leads_status_assignee').on(t.status, t.assigneeId),
    index('leads_assignee').on(t.assigneeId),
    index('leads_created_at').on(t.createdAt),
    // Leads closed in a period by how they closed: the report's junk reasons.
    index('leads_status_closed').on(t.status, t.closedAt),
    index('leads_contact').on(t.contactId),
    // The pool oldest first: open leads nobody took. Queries must repeat this WHERE word for word.
    index('leads_pool').on(t.createdAt, t.number).where(sql`${sql.raw('assignee_id')} IS NULL AND ${OPEN}`),
  ],
);

/**
 * A sender's own id for one submission (Tilda tranid, Zadarma pbx_call_id, Mango entry_id...).
 * Primary key (source, external_id): a retried delivery finds its first result here.
 */
export const intakeKeys = sqliteTable(
  'intake_keys',
  {
    source: text('source').notNull(),
    externalId: text('external_id').notNull(),
    leadId: text('lead_id')
      .notNull()
      .references(() => leads.id),
    outcome: text('outcome').notNull(),
    /** SHA-256 of the request that used this key, when the sender chose the key (the site form's Idempotency-Key): the same key with another body is refused, never merged. */
    requestHash: text('request_hash'),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [uniqueIndex('intake_keys_pk').on(t.source, t.externalId)],
);

export const leadColumnsForSearch = ['name', 'phone', 'email', 'company_name'] as const;
export type LeadRow = typeof leads.$inferSelect;
