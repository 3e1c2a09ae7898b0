import type { Api, InlineKeyboard } from 'grammy';
import type { Language } from '../db/enums.js';
import { miniappEn } from './locales/miniapp-en.js';
import { miniappRu } from './locales/miniapp-ru.js';
import type { BotContext } from './context.js';

/**
 * The Mini App's address (PUBLIC_URL + /app), or null when there is none. Telegram opens web_app
 * buttons over HTTPS only, so an http:// PUBLIC_URL (a laptop behind no tunnel) gives no button at all.
 */
export function miniAppUrl(publicUrl: string | undefined, hash = ''): string | null {
  if (!publicUrl || !publicUrl.startsWith('https://')) return null;
  return `${publicUrl.replace(/\/+$/, '')}/app${hash ? `#${hash}` : ''}`;
}

const texts = (lang: Language) => (lang === 'ru' ? miniappRu : miniappEn);

/**
 * "Open board" under a card, opening the Mini App on that record. Only in a private chat: Telegram
 * refuses web_app buttons in groups (BUTTON_TYPE_INVALID).
 */
export function withOpenBoard(kb: InlineKeyboard, ctx: BotContext, hash: string): InlineKeyboard {
  return withOpenBoardIn(kb, { privateChat: ctx.chat?.type === 'private', publicUrl: ctx.crm.deps.config.PUBLIC_URL, lang: ctx.crm.lang }, hash);
}

/** `withOpenBoard` for a background task, which has the chat it answers but no update. */
export function withOpenBoardIn(kb: InlineKeyboard, to: { privateChat: boolean; publicUrl: string | undefined; lang: Language }, hash: string): InlineKeyboard {
  const url = to.privateChat ? miniAppUrl(to.publicUrl, hash) : null;
  return url ? kb.row().webApp(texts(to.lang).openBoard, url) : kb;
}

/** The chat menu button of every private chat opens the Mini App; set at startup when PUBLIC_URL is https. */
export async function registerMenuButton(api: Api, publicUrl: string | undefined, lang: Language): Promise<boolean> {
  const url = miniAppUrl(publicUrl);
  if (!url) return false;
  await api.setChatMenuButton({ menu_button: { type: 'web_app', text: texts(lang).menuButton, web_app: { url } } });
  return true;
}
