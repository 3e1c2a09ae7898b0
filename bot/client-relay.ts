import { GrammyError, InlineKeyboard, type Api } from 'grammy';
import type { Language } from '../db/enums.js';
import type { ClientLeadRef } from '../src/core/clients/client-lead.js';
import type { ChatMessage } from '../src/core/clients/message-trace.js';
import { maskContacts } from '../src/core/clients/excerpt.js';
import { cb } from './callback-data.js';
import { escapeHtml, messages } from './i18n.js';
import { splitText } from './split-text.js';

/** Telegram's limit for a caption. */
const CAPTION_MAX = 1024;
/** How much of a client's words the team chat sees of a pool lead's message. */
const EXCERPT_MAX = 200;

export type SentCopy = { chatId: number; messageId: number };

/**
 * A client's message to their manager's private chat: a heading with the lead and the client, then
 * the words (split into as many messages as Telegram needs), or the file sent on by its file_id with
 * the words as its caption. Returns every copy, so a reply to any of them reaches the client.
 */
export async function relayToManager(
  api: Api,
  to: { chatId: number; language: Language },
  lead: ClientLeadRef,
  from: string,
  m: ChatMessage,
): Promise<SentCopy[]> {
  const t = messages(to.language);
  const heading = `<b>${escapeHtml(t.clients.from({ number: lead.number, name: from }))}</b>`;
  const words = m.text ? escapeHtml(m.text) : '';
  const copies: SentCopy[] = [];
  const keep = (r: { message_id?: number }) => {
    if (typeof r.message_id === 'number') copies.push({ chatId: to.chatId, messageId: r.message_id });
  };
  if (m.kind === 'text' || !m.fileId) {
    for (const part of splitText(`${heading}\n${words}`)) keep(await api.sendMessage(to.chatId, part, { parse_mode: 'HTML' }));
    return copies;
  }
  const whole = words ? `${heading}\n${words}` : heading;
  const caption = whole.length <= CAPTION_MAX ? whole : heading;
  keep(await sendFile(api, to.chatId, m.kind, m.fileId, { caption, parse_mode: 'HTML' }));
  if (caption !== whole) for (const part of splitText(words)) keep(await api.sendMessage(to.chatId, part, { parse_mode: 'HTML' }));
  return copies;
}

/**
 * A pool lead's client wrote: the team chat sees that they did and a short excerpt, with phones and
 * emails masked (the group sees no contact data), and the Take button. Files stay with the manager.
 */
export async function relayExcerptToTeam(api: Api, chatId: number, language: Language, lead: ClientLeadRef, m: ChatMessage): Promise<void> {
  const t = messages(language);
  const kind = t.clients.kinds[m.kind];
  const words = maskContacts(m.text ?? '');
  const excerpt = words.length > EXCERPT_MAX ? `${Array.from(words).slice(0, EXCERPT_MAX - 1).join('')}…` : words;
  const body = [kind, excerpt].filter(Boolean).join(': ');
  await api.sendMessage(chatId, `<b>${escapeHtml(t.clients.poolExcerpt({ number: lead.number }))}</b>\n«${escapeHtml(body)}»`, {
    parse_mode: 'HTML',
    reply_markup: new InlineKeyboard().text(t.buttons.take, cb.take(lead.id)),
  });
}

/**
 * The manager's answer to the client: words split as Telegram needs (plain text, nothing to parse),
 * a file by its file_id. Returns the first message sent, which is what the lead's timeline keeps.
 */
export async function sendToClient(api: Api, clientChatId: number, m: ChatMessage): Promise<number | null> {
  if (m.kind === 'text' || !m.fileId) {
    let first: number | null = null;
    for (const part of splitText(m.text ?? '')) {
      const sent = await api.sendMessage(clientChatId, part);
      first ??= sent.message_id;
    }
    return first;
  }
  const sent = await sendFile(api, clientChatId, m.kind, m.fileId, m.text ? { caption: m.text } : {});
  return (sent as { message_id?: number }).message_id ?? null;
}

function sendFile(api: Api, chatId: number, kind: ChatMessage['kind'], fileId: string, opts: { caption?: string; parse_mode?: 'HTML' }) {
  if (kind === 'photo') return api.sendPhoto(chatId, fileId, opts);
  if (kind === 'voice') return api.sendVoice(chatId, fileId, opts);
  return api.sendDocument(chatId, fileId, opts);
}

/** 403 from Telegram on a send to a private chat: the person blocked the bot (or deleted their account). */
export const isBlockedByUser = (e: unknown) => e instanceof GrammyError && e.error_code === 403;
