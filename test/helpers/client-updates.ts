import type { Message, Update, User } from 'grammy/types';
import type { FakeMessage } from './telegram.js';
import { testBotInfo } from './telegram.js';

/**
 * Updates a client or a Telegram Business chat produces: photos, documents, voice messages, a shared
 * contact, business connections and business messages. Update ids count from their own range, and a
 * message id can be given so a test can deliver the same message twice.
 */
let updateId = 900_000;
let messageId = 50_000;

const privateChat = (user: User) => ({ id: user.id, type: 'private' as const, first_name: user.first_name });
const now = () => Math.floor(Date.now() / 1000);

export type ClientContent =
  | { text: string }
  | { photo: string; caption?: string }
  | { document: string; caption?: string }
  | { voice: string; caption?: string }
  | { contact: { phone: string; userId: number } };

function content(c: ClientContent): Partial<Message> {
  if ('text' in c) {
    const command = /^\/\S+/.exec(c.text);
    return { text: c.text, ...(command ? { entities: [{ type: 'bot_command', offset: 0, length: command[0].length }] } : {}) };
  }
  if ('photo' in c) {
    return {
      photo: [
        { file_id: `${c.photo}-small`, file_unique_id: `${c.photo}-s`, width: 90, height: 90 },
        { file_id: c.photo, file_unique_id: `${c.photo}-l`, width: 1280, height: 1280 },
      ],
      ...(c.caption ? { caption: c.caption } : {}),
    };
  }
  if ('document' in c) return { document: { file_id: c.document, file_unique_id: `${c.document}-u`, file_name: 'offer.pdf' }, ...(c.caption ? { caption: c.caption } : {}) };
  if ('voice' in c) return { voice: { file_id: c.voice, file_unique_id: `${c.voice}-u`, duration: 3 }, ...(c.caption ? { caption: c.caption } : {}) };
  return { contact: { phone_number: c.contact.phone, first_name: 'x', user_id: c.contact.userId } };
}

/** A message in the user's private chat with the bot, optionally a reply to a bot message. */
export function clientUpdate(from: User, c: ClientContent, opts: { messageId?: number; replyTo?: FakeMessage } = {}): Update {
  return {
    update_id: updateId++,
    message: {
      message_id: opts.messageId ?? messageId++,
      date: now(),
      chat: privateChat(from),
      from,
      ...content(c),
      ...(opts.replyTo ? { reply_to_message: { message_id: opts.replyTo.message_id, date: now(), chat: { id: opts.replyTo.chatId, type: 'private', first_name: 'x' }, from: testBotInfo, text: opts.replyTo.text } } : {}),
    } as Message,
  } as Update;
}

export function businessConnectionUpdate(id: string, owner: User, enabled: boolean): Update {
  return {
    update_id: updateId++,
    business_connection: { id, user: owner, user_chat_id: owner.id, date: now(), can_reply: true, is_enabled: enabled },
  } as unknown as Update;
}

/** A message in the chat between a manager's business account (`owner`) and `client`, written by `from`. */
export function businessMessageUpdate(connectionId: string, client: User, from: User, c: ClientContent, opts: { messageId?: number } = {}): Update {
  return {
    update_id: updateId++,
    business_message: {
      business_connection_id: connectionId,
      message_id: opts.messageId ?? messageId++,
      date: now(),
      chat: privateChat(client),
      from,
      ...content(c),
    },
  } as unknown as Update;
}
