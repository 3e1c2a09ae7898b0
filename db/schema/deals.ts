import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { CHANNELS, DEAL_STAGES, LANGUAGES, LOST_REASONS } from '../enums.js';
import { id, timestamp, timestamps, utmColumns } from './columns.js';
import { members } from './members.js';
import { companies, contacts } from './contacts.js';
import { leads } from './leads.js';

/** Money is integer minor units (kopecks, cents): sums stay exact. */
export const deals = sqliteTable(
  'deals',
  {
    id: id(),
    number: integer('number').notNull().unique(),
    title: text('title').notNull(),
    stage: text('stage', { enum: DEAL_STAGES }).notNull().default('in_progress'),
    amount: integer('amount').notNull().default(0),
    currency: text('currency').notNull().default('RUB'),
    /** Once a manager types an amount, line items stop overwriting it. */
    amountManual: integer('amount_manual', { mode: 'boolean' }).notNull().default(false),
    /** The language the client reads: the proposal is printed in it, whatever the manager's Telegram speaks. */
    language: text('language', { enum: LANGUAGES }).notNull().default('ru'),
    lostReason: text('lost_reason', { enum: LOST_REASONS }),
    lostNote: text('lost_note'),
    leadId: text('lead_id').references(() => leads.id),
    contactId: text('contact_id').references(() => contacts.id),
    companyId: text('company_id').references(() => companies.id),
    assigneeId: text('assignee_id').references(() => members.id),
    channel: text('channel', { enum: CHANNELS }),
    ...utmColumns,
    closedAt: timestamp('closed_at'),
    ...timestamps,
  },
  (t) => [
    // Amount included: the board's count and sum per stage read the index alone.
    index('deals_stage_assignee_amount').on(t.stage, t.assigneeId, t.amount),
    // One deal per lead: a lead converts once, even when two taps race.
    uniqueIndex('deals_lead').on(t.leadId),
    index('deals_contact').on(t.contactId),
    index('deals_company').on(t.companyId),
    index('deals_created_at').on(t.createdAt),
    index('deals_closed_at').on(t.closedAt),
    // The dashboard's late deals of one channel or one manager: their open deals, id included for the step lookup.
    index('deals_channel_open').on(t.channel, t.stage, t.id),
    index('deals_assignee_open').on(t.assigneeId, t.stage, t.id),
  ],
);

export const products = sqliteTable('products', {
  id: id(),
  name: text('name').notNull(),
  description: text('description'),
  price: integer('price').notNull(),
  currency: text('currency').notNull().default('RUB'),
  unit: text('unit'),
  archived: integer('archived', { mode: 'boolean' }).notNull().default(false),
  ...timestamps,
});

export const dealItems = sqliteTable(
  'deal_items',
  {
    id: id(),
    dealId: text('deal_id')
      .notNull()
      .references(() => deals.id),
    productId: text('product_id').references(() => products.id),
    /** Copied from the product so a later price change does not rewrite a sent proposal. */
    name: text('name').notNull(),
    quantity: real('quantity').notNull().default(1),
    price: integer('price').notNull(),
    ...timestamps,
  },
  (t) => [index('deal_items_deal').on(t.dealId)],
);

export type DealRow = typeof deals.$inferSelect;
export type ProductRow = typeof products.$inferSelect;
