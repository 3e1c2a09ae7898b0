import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { LANGUAGES, ROLES } from '../enums.js';
import { id, timestamp, timestamps } from './columns.js';

export const members = sqliteTable(
  'members',
  {
    id: id(),
    telegramId: integer('telegram_id').notNull().unique(),
    chatId: integer('chat_id').notNull(),
    name: text('name').notNull(),
    username: text('username'),
    phone: text('phone'),
    role: text('role', { enum: ROLES }).notNull(),
    language: text('language', { enum: LANGUAGES }).notNull().default('ru'),
    timeZone: text('time_zone').notNull().default('Europe/Moscow'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    /** Round-robin assignment picks the active manager assigned longest ago. */
    lastAssignedAt: timestamp('last_assigned_at'),
    ...timestamps,
  },
  (t) => [index('members_active_role').on(t.active, t.role)],
);

/** One-time codes: `/start CODE` joins the team with the role the inviter chose. Stored hashed. */
export const invites = sqliteTable('invites', {
  codeHash: text('code_hash').primaryKey(),
  role: text('role', { enum: ROLES }).notNull(),
  createdBy: text('created_by'),
  createdAt: timestamp('created_at').notNull(),
  expiresAt: timestamp('expires_at').notNull(),
  usedAt: timestamp('used_at'),
  usedBy: text('used_by'),
});

/** Team-wide settings (assignment mode, seller details for proposals...), one JSON value per key. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).notNull(),
  updatedAt: timestamp('updated_at')
    .notNull()
    .default(sql`(unixepoch() * 1000)`),
});
