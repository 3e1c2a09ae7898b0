import { sql, type SQL } from 'drizzle-orm';
import type { MessageKind } from '../../../db/enums.js';
import type { Actor } from '../shared/context.js';
import { newId } from '../shared/ids.js';

/** One message of a client conversation as Telegram gave it. */
export interface ChatMessage {
  chatId: number;
  messageId: number;
  kind: MessageKind;
  fileId?: string | null;
  /** The text, or a file's caption. */
  text?: string | null;
  /** When it was written (Telegram's date); defaults to now. */
  at?: Date;
}

/** Longest excerpt of a message kept in a history line; the whole text stays in client_messages. */
const TRACE_MAX = 1000;

/**
 * The lead-timeline row of a message ("client_message" in, "client_reply" out) as a SELECT, so it can
 * be written only when `when` holds (the message row was inserted by the same batch).
 * Columns in the history table's order.
 */
export function messageTrace(leadId: string, actor: Actor, action: string, m: ChatMessage, at: Date, when: SQL): SQL {
  const text = m.text ?? '';
  const changes = JSON.stringify({ kind: m.kind, text: text.length > TRACE_MAX ? `${text.slice(0, TRACE_MAX - 1)}…` : text });
  return sql`SELECT ${newId()}, 'lead', ${leadId}, ${action}, ${actor.kind}, ${actor.id}, ${actor.label}, ${changes}, ${at.getTime()} WHERE ${when}`;
}
