import type { Message, User } from 'grammy/types';
import type { TelegramPerson } from '../src/core/clients/client-lead.js';
import type { ChatMessage } from '../src/core/clients/message-trace.js';

/**
 * What of a Telegram message the CRM keeps and relays: text, or a photo, document or voice message
 * by its file_id (Telegram keeps the file; the bot sends it on by id, never downloading it).
 * Anything else (stickers, locations, polls) is null.
 */
export function chatMessageOf(m: Message): ChatMessage | null {
  // Stored at the time it reached the CRM (the injected clock), like every other record.
  const base = { chatId: m.chat.id, messageId: m.message_id };
  if (m.text !== undefined) return { ...base, kind: 'text', text: m.text };
  const caption = m.caption ?? null;
  // Telegram lists a photo's sizes smallest first; the largest is the one to pass on.
  const photo = m.photo?.at(-1);
  if (photo) return { ...base, kind: 'photo', fileId: photo.file_id, text: caption };
  if (m.document) return { ...base, kind: 'document', fileId: m.document.file_id, text: caption };
  if (m.voice) return { ...base, kind: 'voice', fileId: m.voice.file_id, text: caption };
  return null;
}

export function personOf(user: User): TelegramPerson {
  return {
    telegramId: user.id,
    name: [user.first_name, user.last_name].filter(Boolean).join(' ') || String(user.id),
    username: user.username ?? null,
    languageCode: user.language_code ?? null,
  };
}

/** "Ivan Petrov (@ivan)", as managers see who wrote. */
export const personLabel = (p: TelegramPerson) => (p.username ? `${p.name} (@${p.username})` : p.name);
