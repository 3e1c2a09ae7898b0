import { parseTelegramHtml, type ParsedEntity } from './telegram-html.js';

/**
 * Telegram's documented Bot API limits, as pure checks that return the error Telegram answers with
 * (code and description). Both fakes use them: test/helpers/telegram.ts (Node suite) and
 * test/worker/fake-telegram.ts (inside workerd), so this file uses no Node APIs.
 */
export interface TelegramError {
  error_code: number;
  description: string;
  parameters?: { retry_after?: number };
}

export const badRequest = (what: string): TelegramError => ({ error_code: 400, description: `Bad Request: ${what}` });

export const LIMITS = {
  textChars: 4096,
  captionChars: 1024,
  callbackDataBytes: 64,
  callbackAnswerChars: 200,
  buttonsPerKeyboard: 100,
  commandsPerScope: 100,
  commandChars: 32,
  commandDescriptionChars: 256,
  /** sendDocument upload. */
  documentBytes: 50 * 1024 * 1024,
  /** sendPhoto upload. */
  photoBytes: 10 * 1024 * 1024,
  /** getFile download. */
  downloadBytes: 20 * 1024 * 1024,
} as const;

/** Every method of the Bot API (9.x). A name outside this list is answered 404 and fails the test. */
export const BOT_API_METHODS = new Set(
  `getUpdates setWebhook deleteWebhook getWebhookInfo getMe logOut close sendMessage forwardMessage forwardMessages copyMessage
  copyMessages sendPhoto sendAudio sendDocument sendVideo sendAnimation sendVoice sendVideoNote sendPaidMedia sendMediaGroup
  sendLocation sendVenue sendContact sendPoll sendChecklist sendDice sendMessageDraft sendChatAction setMessageReaction getUserProfilePhotos
  setUserEmojiStatus getFile banChatMember unbanChatMember restrictChatMember promoteChatMember setChatAdministratorCustomTitle
  banChatSenderChat unbanChatSenderChat setChatPermissions exportChatInviteLink createChatInviteLink editChatInviteLink
  createChatSubscriptionInviteLink editChatSubscriptionInviteLink revokeChatInviteLink approveChatJoinRequest
  declineChatJoinRequest setChatPhoto deleteChatPhoto setChatTitle setChatDescription pinChatMessage unpinChatMessage
  unpinAllChatMessages leaveChat getChat getChatAdministrators getChatMemberCount getChatMember setChatStickerSet
  deleteChatStickerSet getForumTopicIconStickers createForumTopic editForumTopic closeForumTopic reopenForumTopic
  deleteForumTopic unpinAllForumTopicMessages editGeneralForumTopic closeGeneralForumTopic reopenGeneralForumTopic
  hideGeneralForumTopic unhideGeneralForumTopic unpinAllGeneralForumTopicMessages answerCallbackQuery getUserChatBoosts
  getBusinessConnection setMyCommands deleteMyCommands getMyCommands setMyName getMyName setMyDescription getMyDescription
  setMyShortDescription getMyShortDescription setChatMenuButton getChatMenuButton setMyDefaultAdministratorRights
  getMyDefaultAdministratorRights editMessageText editMessageCaption editMessageMedia editMessageLiveLocation
  stopMessageLiveLocation editMessageChecklist editMessageReplyMarkup stopPoll deleteMessage deleteMessages sendSticker getStickerSet
  getCustomEmojiStickers uploadStickerFile createNewStickerSet addStickerToSet setStickerPositionInSet deleteStickerFromSet
  replaceStickerInSet setStickerEmojiList setStickerKeywords setStickerMaskPosition setStickerSetTitle
  setStickerSetThumbnail setCustomEmojiStickerSetThumbnail deleteStickerSet answerInlineQuery answerWebAppQuery
  savePreparedInlineMessage sendInvoice createInvoiceLink answerShippingQuery answerPreCheckoutQuery getStarTransactions
  refundStarPayment editUserStarSubscription sendGift giftPremiumSubscription verifyUser verifyChat removeUserVerification
  removeChatVerification readBusinessMessage deleteBusinessMessages setPassportDataErrors sendGame setGameScore getGameHighScores`.split(
    /\s+/,
  ),
);

/** Telegram counts characters as Unicode code points of the text after entity parsing. */
const chars = (s: string) => [...s].length;
const utf8Bytes = (s: string) => new TextEncoder().encode(s).length;

/** What a text or caption looks like after parsing: the visible text and its entities. */
export interface Rendered {
  text: string;
  entities: ParsedEntity[];
}

export function render(raw: unknown, parseMode: unknown): Rendered | TelegramError {
  const text = typeof raw === 'string' ? raw : raw === undefined || raw === null ? '' : String(raw);
  if (parseMode === undefined || parseMode === null || parseMode === '') return { text, entities: [] };
  if (parseMode !== 'HTML') return badRequest(`unsupported parse_mode "${String(parseMode)}" in this fake (the product uses HTML)`);
  const parsed = parseTelegramHtml(text);
  return parsed.ok ? { text: parsed.text, entities: parsed.entities } : { error_code: 400, description: parsed.description };
}

export const isError = (x: unknown): x is TelegramError => typeof x === 'object' && x !== null && 'error_code' in x;

/** Message text: 1-4096 characters after entity parsing; leading and trailing blanks do not count as text. */
export function checkText(p: Record<string, any>, method: string): Rendered | TelegramError {
  const r = render(p.text, p.parse_mode);
  if (isError(r)) return r;
  if (r.text.trim() === '') return badRequest(method === 'sendMessage' ? 'message text is empty' : 'text must be non-empty');
  if (chars(r.text) > LIMITS.textChars) return badRequest('message is too long');
  return r;
}

export function checkCaption(p: Record<string, any>): Rendered | TelegramError {
  const r = render(p.caption, p.parse_mode);
  if (isError(r)) return r;
  if (chars(r.text) > LIMITS.captionChars) return badRequest('message caption is too long');
  return r;
}

/** Inline keyboards: every button has a label and exactly one action; callback_data 1-64 bytes of UTF-8. */
/** `chatId` < 0 (a group): Web App buttons are refused there. */
export function checkMarkup(markup: unknown, chatId?: number): TelegramError | null {
  if (markup === undefined || markup === null) return null;
  const m = (typeof markup === 'string' ? JSON.parse(markup) : markup) as Record<string, any>;
  if ('inline_keyboard' in m) {
    const rows = m.inline_keyboard;
    if (!Array.isArray(rows) || rows.some((r) => !Array.isArray(r)))
      return badRequest("can't parse inline keyboard button: InlineKeyboardMarkup must be an Array of Arrays");
    const buttons = rows.flat() as Record<string, any>[];
    if (buttons.length > LIMITS.buttonsPerKeyboard) return badRequest('reply markup is too long');
    for (const b of buttons) {
      if (typeof b.text !== 'string' || b.text === '')
        return badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
      if ('callback_data' in b) {
        const bytes = utf8Bytes(String(b.callback_data));
        if (bytes < 1 || bytes > LIMITS.callbackDataBytes) return badRequest('BUTTON_DATA_INVALID');
      } else if ('web_app' in b) {
        if (chatId !== undefined && chatId < 0) return badRequest('BUTTON_TYPE_INVALID');
        const url = String((b.web_app as { url?: unknown } | undefined)?.url ?? '');
        if (!url.startsWith('https://'))
          return badRequest(`inline keyboard button Web App URL '${url}' is invalid: Only HTTPS links are allowed`);
      } else if ('url' in b) {
        if (/^(https?|tg):\/\/\S+$/.exec(String(b.url)) === null) return badRequest('BUTTON_URL_INVALID');
      } else if (
        ![
          'web_app',
          'login_url',
          'switch_inline_query',
          'switch_inline_query_current_chat',
          'switch_inline_query_chosen_chat',
          'copy_text',
          'callback_game',
          'pay',
        ].some((k) => k in b)
      ) {
        return badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
      }
    }
    return null;
  }
  if ('keyboard' in m || 'remove_keyboard' in m || 'force_reply' in m) return null;
  return badRequest("can't parse reply keyboard markup JSON object");
}

const COMMAND_SCOPES = [
  'default',
  'all_private_chats',
  'all_group_chats',
  'all_chat_administrators',
  'chat',
  'chat_administrators',
  'chat_member',
];

/** The key a command list is stored under: scope (with its chat and user) and language. */
export function commandsKey(p: Record<string, any>): string | TelegramError {
  const scope = (typeof p.scope === 'string' ? JSON.parse(p.scope) : p.scope) as Record<string, any> | undefined;
  const type = scope?.type ?? 'default';
  if (!COMMAND_SCOPES.includes(type)) return badRequest('BOT_COMMAND_SCOPE_INVALID');
  if (type.startsWith('chat') && (scope?.chat_id === undefined || (type === 'chat_member' && scope?.user_id === undefined)))
    return badRequest('chat not found');
  const lang = p.language_code ?? '';
  if (lang !== '' && /^[a-z]{2}$/.exec(lang) === null) return badRequest('invalid language code specified');
  return [type, scope?.chat_id ?? '', scope?.user_id ?? '', lang].join('|');
}

/** setMyCommands: at most 100; names 1-32 of [a-z0-9_]; descriptions 1-256 characters. */
export function checkCommands(commands: unknown): TelegramError | null {
  const list = (typeof commands === 'string' ? JSON.parse(commands) : commands) as { command?: unknown; description?: unknown }[];
  if (!Array.isArray(list)) return badRequest('field "commands" must be an Array');
  if (list.length > LIMITS.commandsPerScope) return badRequest('BOT_COMMANDS_TOO_MUCH');
  for (const c of list) {
    if (typeof c.command !== 'string' || /^[a-z0-9_]{1,32}$/.exec(c.command) === null) return badRequest('BOT_COMMAND_INVALID');
    if (typeof c.description !== 'string' || chars(c.description.trim()) < 1 || chars(c.description) > LIMITS.commandDescriptionChars) {
      return badRequest('BOT_COMMAND_DESCRIPTION_INVALID');
    }
  }
  return null;
}

export function checkCallbackAnswer(p: Record<string, any>): TelegramError | null {
  if (typeof p.text === 'string' && chars(p.text) > LIMITS.callbackAnswerChars) return badRequest('MESSAGE_TOO_LONG');
  return null;
}

/** setChatMenuButton: default, commands, or a Web App over HTTPS with a label. */
export function checkMenuButton(p: Record<string, any>): TelegramError | null {
  const b = (typeof p.menu_button === 'string' ? JSON.parse(p.menu_button) : p.menu_button) as Record<string, any> | undefined;
  if (!b || b.type === 'default' || b.type === 'commands') return null;
  if (b.type !== 'web_app') return badRequest("can't parse menu button: unsupported type");
  if (typeof b.text !== 'string' || b.text.trim() === '') return badRequest('menu button text must be non-empty');
  if (!String(b.web_app?.url ?? '').startsWith('https://')) return badRequest('BUTTON_URL_INVALID');
  return null;
}

export function checkWebhook(p: Record<string, any>): TelegramError | null {
  const url = String(p.url ?? '');
  if (url !== '' && !url.startsWith('https://')) return badRequest('bad webhook: An HTTPS URL must be provided for webhook');
  if (p.secret_token !== undefined && /^[A-Za-z0-9_-]{1,256}$/.exec(String(p.secret_token)) === null)
    return badRequest('secret token contains unallowed characters');
  return null;
}

export const tooManyRequests = (retryAfter: number): TelegramError => ({
  error_code: 429,
  description: `Too Many Requests: retry after ${retryAfter}`,
  parameters: { retry_after: retryAfter },
});

/**
 * A token bucket: `capacity` sends at once (Telegram tolerates short bursts), refilled at
 * `perMs` per token. The clock is passed in on every call so tests can drive it.
 */
export class TokenBucket {
  private tokens: number;
  private at: number | null = null;

  constructor(
    readonly capacity: number,
    readonly perMs: number,
  ) {
    this.tokens = capacity;
  }

  private refill(now: number): void {
    if (this.at !== null && now > this.at) this.tokens = Math.min(this.capacity, this.tokens + (now - this.at) / this.perMs);
    if (this.at === null || now > this.at) this.at = now;
  }

  /** Milliseconds until one token is there (0: now). */
  waitMs(now: number): number {
    this.refill(now);
    return this.tokens >= 1 ? 0 : Math.ceil((1 - this.tokens) * this.perMs);
  }

  take(now: number): void {
    this.refill(now);
    this.tokens -= 1;
  }
}

/**
 * Telegram's pacing for messages a bot sends: about one a second to a private chat, 20 a minute
 * to a group, 30 a second overall, each with a short burst allowance. Past them: 429 with
 * retry_after in whole seconds.
 */
export const PACE = {
  privateChat: { capacity: 5, perMs: 1000 },
  group: { capacity: 20, perMs: 3000 },
  global: { capacity: 30, perMs: 1000 / 30 },
} as const;

export class Pacer {
  private readonly global = new TokenBucket(PACE.global.capacity, PACE.global.perMs);
  private readonly chats = new Map<number, TokenBucket>();

  /** Takes a slot for a message to `chatId`, or returns the 429 Telegram would answer. */
  send(chatId: number, now: number): TelegramError | null {
    let chat = this.chats.get(chatId);
    if (!chat) {
      const pace = chatId < 0 ? PACE.group : PACE.privateChat;
      chat = new TokenBucket(pace.capacity, pace.perMs);
      this.chats.set(chatId, chat);
    }
    const wait = Math.max(chat.waitMs(now), this.global.waitMs(now));
    if (wait > 0) return tooManyRequests(Math.max(1, Math.ceil(wait / 1000)));
    chat.take(now);
    this.global.take(now);
    return null;
  }
}

/** Methods that put a new message into a chat, and so count against the pacing. */
export const SENDING_METHODS = new Set([
  'sendMessage',
  'sendPhoto',
  'sendDocument',
  'sendAudio',
  'sendVideo',
  'sendAnimation',
  'sendVoice',
  'sendSticker',
  'sendLocation',
  'sendContact',
  'sendPoll',
  'sendDice',
  'sendMediaGroup',
  'copyMessage',
  'forwardMessage',
]);

/** Both markups the same (no markup and an empty keyboard are the same to Telegram). */
export function sameMarkup(a: unknown, b: unknown): boolean {
  const norm = (m: unknown) => {
    const v = (typeof m === 'string' ? JSON.parse(m) : m) as { inline_keyboard?: unknown[][] } | undefined;
    const rows = (v?.inline_keyboard ?? []).filter((r) => r.length > 0);
    return JSON.stringify(rows);
  };
  return norm(a) === norm(b);
}

export function sameRendered(a: Rendered, b: Rendered): boolean {
  return a.text === b.text && JSON.stringify(a.entities) === JSON.stringify(b.entities);
}

export const NOT_MODIFIED = badRequest(
  'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
);
export const QUERY_TOO_OLD = badRequest('query is too old and response timeout expired or query ID is invalid');
