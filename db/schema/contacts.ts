import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { id, timestamps } from './columns.js';

export const companies = sqliteTable(
  'companies',
  {
    id: id(),
    name: text('name').notNull(),
    /** Lower-cased, quotes and legal forms (ООО, LLC...) stripped: how "ООО «Ромашка»" meets "Ромашка". */
    nameKey: text('name_key').notNull().unique(),
    phone: text('phone'),
    email: text('email'),
    website: text('website'),
    ...timestamps,
  },
);

export const contacts = sqliteTable(
  'contacts',
  {
    id: id(),
    name: text('name'),
    phone: text('phone'),
    phoneExt: text('phone_ext'),
    email: text('email'),
    position: text('position'),
    companyId: text('company_id').references(() => companies.id),
    ...timestamps,
  },
  (t) => [index('contacts_phone').on(t.phone), index('contacts_email').on(t.email), index('contacts_company').on(t.companyId)],
);

export type ContactRow = typeof contacts.$inferSelect;
export type CompanyRow = typeof companies.$inferSelect;
