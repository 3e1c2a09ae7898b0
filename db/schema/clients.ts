import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { MESSAGE_DIRECTIONS, MESSAGE_KINDS } from '../enums.js';
import { id, timestamp, timestamps } from './columns.js';
import { leads } from './leads.js';
import { members } from './members.js';

/**
 * A person who wrote to the bot (or to a manager's Telegram Business account) and is not on the team.
 * Their private chat id equals their user id, so this row is also where the bot answers them.
 */
export const telegramClients = sqliteTable('telegram_clients', {
  telegramId: integer('telegram_id').primaryKey(),
  name: text('name').notNull(),
  username: text('username'),
  /** E.164, when they shared it with the "Share phone number" button. */
  phone: text('phone'),
  languageCode: text('language_code'),
  /** The lead the conversation lives on now; a new one is opened when this one is closed. */
  leadId: text('lead_id').references(() => leads.id),
  /** Set when a send to them failed with 403 (they blocked the bot); cleared when they write again. */
  blockedAt: timestamp('blocked_at'),
  ...timestamps,
});

/**
 * Every message of a client conversation, both ways. (chat, message) is unique, so a message Telegram
 * delivers twice is stored once. `chat_id` is the chat the message was in, `via` tells the bot's chat
 * from a manager's business chat with the same person.
 */
export const clientMessages = sqliteTable(
  'client_messages',
  {
    id: id(),
    leadId: text('lead_id')
      .notNull()
      .references(() => leads.id),
    clientTelegramId: integer('client_telegram_id').notNull(),
    direction: text('direction', { enum: MESSAGE_DIRECTIONS }).notNull(),
    chatId: integer('chat_id').notNull(),
    messageId: integer('message_id').notNull(),
    /**
     * Which chat family: 'bot' (the client's chat with the bot) or 'business:<member id>' (the client's
     * chat with that manager's Telegram Business account). Both have the client's id as chat id.
     */
    via: text('via').notNull(),
    kind: text('kind', { enum: MESSAGE_KINDS }).notNull(),
    /** Telegram's file id: relayed files are sent again by it, never downloaded and re-uploaded. */
    fileId: text('file_id'),
    text: text('text'),
    /** Who wrote an outgoing message (the manager); null for the client's own. */
    memberId: text('member_id').references(() => members.id),
    at: timestamp('at').notNull(),
  },
  (t) => [
    uniqueIndex('client_messages_chat_message').on(t.via, t.chatId, t.messageId),
    index('client_messages_lead').on(t.leadId, t.at),
  ],
);

/**
 * A client's message as the bot relayed it to a manager (or the team chat). A manager's reply to that
 * copy is routed back to the client through this row.
 */
export const relayedMessages = sqliteTable(
  'relayed_messages',
  {
    chatId: integer('chat_id').notNull(),
    messageId: integer('message_id').notNull(),
    leadId: text('lead_id')
      .notNull()
      .references(() => leads.id),
    clientMessageId: text('client_message_id').references(() => clientMessages.id),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [uniqueIndex('relayed_messages_pk').on(t.chatId, t.messageId)],
);

/** A manager's Telegram Business account connected to the bot: their clients' chats are logged on leads. */
export const businessConnections = sqliteTable('business_connections', {
  id: text('id').primaryKey(),
  memberId: text('member_id')
    .notNull()
    .references(() => members.id),
  /** The Telegram user who owns the business account (the manager). */
  telegramUserId: integer('telegram_user_id').notNull(),
  enabled: integer('enabled', { mode: 'boolean' }).notNull(),
  ...timestamps,
});

export type TelegramClientRow = typeof telegramClients.$inferSelect;
export type ClientMessageRow = typeof clientMessages.$inferSelect;
