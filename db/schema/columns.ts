import { integer, text } from 'drizzle-orm/sqlite-core';

/** Times are stored as integer milliseconds since the epoch (UTC); Drizzle maps them to Date. */
export const timestamp = (name: string) => integer(name, { mode: 'timestamp_ms' });

/** Ids are UUIDv7 strings generated in code, so a batch can link rows without reading ids back. */
export const id = () => text('id').primaryKey();

export const timestamps = {
  createdAt: timestamp('created_at').notNull(),
  updatedAt: timestamp('updated_at').notNull(),
};

export const utmColumns = {
  utmSource: text('utm_source'),
  utmMedium: text('utm_medium'),
  utmCampaign: text('utm_campaign'),
  utmContent: text('utm_content'),
  utmTerm: text('utm_term'),
};
