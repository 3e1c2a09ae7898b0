import { integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { id, timestamp } from './columns.js';

export const TEAM_CHAT_CARD_KINDS = ['single', 'list'] as const;

/**
 * Which team-chat message carries which leads' Take buttons. A Take pressed in the team chat is
 * honoured only on the message that carries that lead, so a forged payload on any other message
 * (or a colleague's card) changes nothing.
 */
export const teamChatCards = sqliteTable(
  'team_chat_cards',
  {
    id: id(),
    chatId: integer('chat_id').notNull(),
    messageId: integer('message_id').notNull(),
    kind: text('kind', { enum: TEAM_CHAT_CARD_KINDS }).notNull(),
    /** Lead ids in the order the card lists them. */
    leadIds: text('lead_ids', { mode: 'json' }).notNull().$type<string[]>(),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [uniqueIndex('team_chat_cards_message').on(t.chatId, t.messageId)],
);
