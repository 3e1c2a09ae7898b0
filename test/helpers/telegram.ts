import type { BotCommand, InlineKeyboardButton, InlineKeyboardMarkup, Update, User, UserFromGetMe } from 'grammy/types';
import { readMultipart } from './telegram-multipart.js';
import {
  badRequest,
  BOT_API_METHODS,
  checkCallbackAnswer,
  checkCaption,
  checkCommands,
  checkMarkup,
  checkMenuButton,
  checkText,
  checkWebhook,
  commandsKey,
  isError,
  LIMITS,
  NOT_MODIFIED,
  Pacer,
  QUERY_TOO_OLD,
  sameMarkup,
  sameRendered,
  SENDING_METHODS,
  type Rendered,
  type TelegramError,
} from './telegram-rules.js';
import { recordKeyboard } from './keyboard-log.js';

/** The bot as Telegram knows it; given to `new Bot(...)` so no getMe call is made. */
export const testBotInfo = {
  id: 7_000_000_001,
  is_bot: true,
  first_name: 'Sales CRM',
  username: 'sales_crm_test_bot',
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
} as UserFromGetMe;

export interface ApiCall {
  method: string;
  payload: Record<string, any>;
  ok: boolean;
  /** What Telegram answered when it refused the call. */
  error?: TelegramError;
  /** When the call arrived, on the fake's clock (its pacing clock). */
  at: number;
}

export interface FakeMessage {
  message_id: number;
  chatId: number;
  text: string;
  reply_markup?: InlineKeyboardMarkup;
  /** The Bot API method that produced it (sendMessage, sendPhoto). */
  via: string;
  /** What a reader sees (entities parsed); edits that change nothing are refused against it. */
  rendered?: Rendered;
}

/** A file the bot sent (sendDocument, sendPhoto with an InputFile): its fields and bytes. */
export interface Upload {
  method: string;
  chatId: number;
  caption: string;
  fileName: string;
  bytes: Uint8Array;
  /** The multipart body as sent. */
  raw: Uint8Array;
}

/** A scripted answer for one call instead of success: an API error, or a network failure. */
export type FakeFailure = TelegramError | 'network';

/**
 * Calls a test made that Telegram does not have (or this fake does not model): the setup file
 * test/helpers/strict-telegram-setup.ts fails the test that made them.
 */
const violations: string[] = [];
export function takeFakeTelegramViolations(): string[] {
  return violations.splice(0);
}

/**
 * Time as the fake's pacing sees it: real time plus one second of "human pause" for every update
 * a person sends (textUpdate, callbackUpdate), since nobody types or taps faster than that. A test
 * firing 20 taps in 20 ms is then paced like a person tapping for 20 s, while one press that makes
 * the bot send a burst is still paced as a burst.
 */
let humanMs = 0;
const HUMAN_PAUSE_MS = 1000;
export const humanClock = (): number => humanMs + performance.now();

/** People who have written to the bot in private (any update made by the helpers below). */
const spokeToBot = new Set<number>();

/**
 * A Bot API stand-in behind grammY's `client.fetch`, as strict as Telegram: it refuses what
 * Telegram refuses with Telegram's error code and description (limits in ./telegram-rules.ts),
 * records every call, keeps each message's current text and buttons through edits, stores
 * command menus per scope and language, and can be told to fail calls. Never touches the network.
 */
export class FakeBotApi {
  readonly calls: ApiCall[] = [];
  readonly messages: FakeMessage[] = [];
  readonly uploads: Upload[] = [];
  /** Files "on Telegram's servers" for the bot to download (getFile), by file_id. */
  readonly files = new Map<string, Uint8Array>();
  /** Command menus by scope and language (see `commands`). */
  private readonly menus = new Map<string, BotCommand[]>();
  private readonly answered = new Set<string>();
  private readonly menuButtons = new Map<string, unknown>();
  private readonly blocked = new Set<number>();
  /** Groups where the bot is an administrator allowed to ban members (Telegram checks this on banChatMember). */
  private readonly canRestrict = new Set<number>();
  /** Users banned per group (banChatMember until unbanChatMember). */
  readonly banned = new Map<number, Set<number>>();
  private readonly notStarted = new Set<number>();
  private started: Set<number> | null = null;
  private readonly pacer = new Pacer();
  private offsetMs = 0;
  private webhookUrl = '';
  private nextId = 100;
  failWith: ((method: string, payload: Record<string, any>) => FakeFailure | undefined) | undefined;

  private readonly clock: () => number;
  private readonly follow: (() => number) | undefined;
  private lastFollowed: number | undefined;

  /**
   * `clock`: the pacing clock (default: human time, see humanClock). `follow`: a test clock whose
   * forward moves also move the fake's time (a test that advances its clock an hour has waited
   * an hour as far as Telegram is concerned; moving it back does not undo time).
   */
  constructor(o: { clock?: () => number; follow?: () => number } = {}) {
    this.clock = o.clock ?? humanClock;
    this.follow = o.follow;
  }

  /** The fake's clock (pacing); `advance` moves it without waiting. */
  now = (): number => {
    if (this.follow) {
      const t = this.follow();
      if (this.lastFollowed !== undefined && t > this.lastFollowed) this.offsetMs += t - this.lastFollowed;
      this.lastFollowed = t;
    }
    return this.clock() + this.offsetMs;
  };

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  /** The product's own rate limiter, sleeping in the fake's time instead of the test's. */
  pacedSleep = async (ms: number): Promise<void> => {
    this.advance(ms);
  };

  /** The user blocked the bot: sends to them are 403. */
  /** The bot's rights in a group, as a my_chat_member update would report them: admin with the right to ban, or not. */
  botIsAdmin(chatId: number, canRestrictMembers: boolean): void {
    if (canRestrictMembers) this.canRestrict.add(chatId);
    else this.canRestrict.delete(chatId);
  }

  blockedBy(chatId: number): void {
    this.blocked.add(chatId);
  }

  /** The user never pressed Start: sends to them are 403. */
  neverStarted(chatId: number): void {
    this.notStarted.add(chatId);
  }

  /**
   * Only these people (and anyone who has written to the bot in private) started it. Without this
   * call every private chat counts as started, so tests about other things need not declare it.
   */
  onlyStartedBy(...chatIds: number[]): void {
    this.started = new Set(chatIds);
  }

  fetch = async (url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const href = String(url instanceof Request ? url.url : url);
    const file = /\/file\/bot[^/]+\/(.+)$/.exec(href);
    if (file) return this.download(decodeURIComponent(file[1]!));
    const method = href.split('/').pop()!;
    let payload: Record<string, any> = {};
    let upload: Upload | undefined;
    if (typeof init?.body === 'string') payload = JSON.parse(init.body) as Record<string, any>;
    else if (init?.body) {
      const max = method === 'sendPhoto' ? LIMITS.photoBytes : LIMITS.documentBytes;
      const part = await readMultipart(init, max);
      if (part === 'too big') {
        const error = { error_code: 413, description: 'Request Entity Too Large' };
        this.calls.push({ at: this.now(), method, payload, ok: false, error });
        return json({ ok: false, ...error }, 413);
      }
      payload = parseFields(part.fields);
      upload = {
        method,
        chatId: Number(payload.chat_id),
        caption: payload.caption ?? '',
        fileName: part.fileName,
        bytes: part.bytes,
        raw: part.raw,
      };
    }
    const failure = this.failWith?.(method, payload);
    if (failure === 'network') {
      this.calls.push({ at: this.now(), method, payload, ok: false });
      throw new TypeError('fetch failed: connection reset');
    }
    const answer = failure ? { error: failure } : this.answer(method, payload, upload);
    this.calls.push({ at: this.now(), method, payload, ok: !('error' in answer), ...('error' in answer ? { error: answer.error } : {}) });
    if ('error' in answer) return json({ ok: false, ...answer.error }, answer.error.error_code);
    if (upload) this.uploads.push(upload);
    return json({ ok: true, result: answer.result });
  };

  private answer(method: string, p: Record<string, any>, upload?: Upload): { result: unknown } | { error: TelegramError } {
    if (!BOT_API_METHODS.has(method)) {
      violations.push(`the bot called "${method}", which the Bot API does not have (Telegram answers 404 Not Found)`);
      return { error: { error_code: 404, description: 'Not Found' } };
    }
    const handler = this.handlers[method];
    if (!handler) {
      violations.push(
        `the bot called "${method}", which the strict fake does not model yet: add it to test/helpers/telegram.ts with Telegram's rules`,
      );
      return { error: { error_code: 501, description: `Not Implemented: ${method} in the fake Bot API` } };
    }
    const r = handler(p, upload);
    return isError(r) ? { error: r } : { result: r };
  }

  private readonly handlers: Record<string, (p: Record<string, any>, upload?: Upload) => unknown> = {
    getMe: () => testBotInfo,
    sendMessage: (p) => this.send('sendMessage', p, checkText(p, 'sendMessage')),
    sendPhoto: (p, up) => this.send('sendPhoto', p, checkCaption(p), up && up.bytes.length > LIMITS.photoBytes),
    sendDocument: (p, up) => this.send('sendDocument', p, checkCaption(p), up && up.bytes.length > LIMITS.documentBytes),
    // Voice messages: a caption like any file's (at most 1024 after parsing), up to 50 MB like a document.
    sendVoice: (p, up) => this.send('sendVoice', p, checkCaption(p), up && up.bytes.length > LIMITS.documentBytes),
    sendChatAction: (p) => this.reach(Number(p.chat_id)) ?? true,
    editMessageText: (p) => this.edit(p, 'text'),
    editMessageCaption: (p) => this.edit(p, 'caption'),
    editMessageReplyMarkup: (p) => this.edit(p, 'markup'),
    deleteMessage: (p) => {
      const i = this.messages.findIndex((m) => m.chatId === Number(p.chat_id) && m.message_id === Number(p.message_id));
      if (i < 0) return badRequest('message to delete not found');
      this.messages.splice(i, 1);
      return true;
    },
    answerCallbackQuery: (p) => {
      const id = String(p.callback_query_id ?? '');
      if (!id || this.answered.has(id)) return QUERY_TOO_OLD;
      const bad = checkCallbackAnswer(p);
      if (bad) return bad;
      this.answered.add(id);
      return true;
    },
    setMyCommands: (p) => {
      const key = commandsKey(p);
      if (isError(key)) return key;
      const bad = checkCommands(p.commands);
      if (bad) return bad;
      this.menus.set(key, typeof p.commands === 'string' ? JSON.parse(p.commands) : p.commands);
      return true;
    },
    getMyCommands: (p) => {
      const key = commandsKey(p);
      return isError(key) ? key : (this.menus.get(key) ?? []);
    },
    deleteMyCommands: (p) => {
      const key = commandsKey(p);
      if (isError(key)) return key;
      this.menus.delete(key);
      return true;
    },
    setWebhook: (p) => {
      const bad = checkWebhook(p);
      if (bad) return bad;
      this.webhookUrl = String(p.url ?? '');
      return true;
    },
    deleteWebhook: () => {
      this.webhookUrl = '';
      return true;
    },
    banChatMember: (p) => this.restrict(p, (set, user) => set.add(user)),
    unbanChatMember: (p) => this.restrict(p, (set, user) => (p.only_if_banned && !set.has(user) ? undefined : set.delete(user))),
    getWebhookInfo: () => ({ url: this.webhookUrl, has_custom_certificate: false, pending_update_count: 0 }),
    setChatMenuButton: (p) => {
      const bad = checkMenuButton(p);
      if (bad) return bad;
      this.menuButtons.set(String(p.chat_id ?? ''), p.menu_button ?? { type: 'default' });
      return true;
    },
    getChatMenuButton: (p) => this.menuButtons.get(String(p.chat_id ?? '')) ?? this.menuButtons.get('') ?? { type: 'commands' },
    getUpdates: () =>
      this.webhookUrl
        ? {
            error_code: 409,
            description: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
          }
        : [],
    getFile: (p) => {
      const id = String(p.file_id ?? '');
      const bytes = this.files.get(id);
      if (!bytes) return badRequest('invalid file_id');
      if (bytes.length > LIMITS.downloadBytes) return badRequest('file is too big');
      return { file_id: id, file_unique_id: id, file_size: bytes.length, file_path: `files/${id}` };
    },
  };

  private download(path: string): Response {
    const bytes = this.files.get(path.replace(/^files\//, ''));
    return bytes ? new Response(new Uint8Array(bytes)) : new Response('Not Found', { status: 404 });
  }

  /** banChatMember / unbanChatMember: only in groups, only for an admin bot with can_restrict_members. */
  private restrict(p: Record<string, any>, change: (banned: Set<number>, user: number) => unknown): unknown {
    const chatId = Number(p.chat_id);
    const user = Number(p.user_id);
    if (!Number.isFinite(user) || user <= 0) return badRequest('invalid user_id specified');
    if (!(chatId < 0)) return badRequest("can't remove chat owner");
    if (!this.canRestrict.has(chatId)) return badRequest('not enough rights to restrict/unrestrict chat member');
    const set = this.banned.get(chatId) ?? new Set<number>();
    this.banned.set(chatId, set);
    change(set, user);
    return true;
  }

  /** 403 for a chat that has not started the bot (or blocked it). */
  private reach(chatId: number): TelegramError | null {
    if (!Number.isFinite(chatId) || chatId === 0) return badRequest('chat not found');
    if (chatId < 0) return null;
    if (this.blocked.has(chatId)) return { error_code: 403, description: 'Forbidden: bot was blocked by the user' };
    const started = this.started ? this.started.has(chatId) || spokeToBot.has(chatId) : !this.notStarted.has(chatId);
    if (!started) return { error_code: 403, description: "Forbidden: bot can't initiate conversation with a user" };
    return null;
  }

  private send(via: string, p: Record<string, any>, rendered: Rendered | TelegramError, tooBig?: boolean): unknown {
    const chatId = Number(p.chat_id);
    if (tooBig) return { error_code: 413, description: 'Request Entity Too Large' };
    const refusal = this.reach(chatId) ?? (isError(rendered) ? rendered : null) ?? checkMarkup(p.reply_markup, Number(p.chat_id));
    if (refusal) return refusal;
    if (SENDING_METHODS.has(via)) {
      const paced = this.pacer.send(chatId, this.now());
      if (paced) return paced;
    }
    const markup = parseMarkup(p.reply_markup);
    const m: FakeMessage = {
      message_id: this.nextId++,
      chatId,
      text: p.text ?? p.caption ?? '',
      reply_markup: markup,
      via,
      rendered: rendered as Rendered,
    };
    this.messages.push(m);
    recordKeyboard(via, markup);
    return wire(m);
  }

  private edit(p: Record<string, any>, what: 'text' | 'caption' | 'markup'): unknown {
    if (p.inline_message_id !== undefined) return badRequest('the fake does not model inline messages');
    const m = this.messages.find((x) => x.chatId === Number(p.chat_id) && x.message_id === Number(p.message_id));
    if (!m) return badRequest('message to edit not found');
    const markupError = checkMarkup(p.reply_markup, Number(p.chat_id));
    if (markupError) return markupError;
    const markup = parseMarkup(p.reply_markup);
    const hasText = m.via === 'sendMessage';
    let rendered = m.rendered ?? { text: m.text, entities: [] };
    if (what === 'text') {
      if (!hasText) return badRequest('there is no text in the message to edit');
      const r = checkText(p, 'editMessageText');
      if (isError(r)) return r;
      rendered = r;
    } else if (what === 'caption') {
      if (hasText) return badRequest('there is no caption in the message to edit');
      const r = checkCaption(p);
      if (isError(r)) return r;
      rendered = r;
    }
    const sameContent = what === 'markup' || sameRendered(rendered, m.rendered ?? { text: m.text, entities: [] });
    if (sameContent && sameMarkup(markup, m.reply_markup)) return NOT_MODIFIED;
    if (what === 'text') m.text = p.text;
    if (what === 'caption') m.text = p.caption ?? '';
    m.rendered = rendered;
    // Telegram drops the buttons of an edit that sends none.
    m.reply_markup = markup;
    recordKeyboard(`edit:${what}`, markup);
    return wire(m);
  }

  /** Successful calls of a method, in order. */
  sent(method: string): Record<string, any>[] {
    return this.calls.filter((c) => c.ok && c.method === method).map((c) => c.payload);
  }

  /** Calls Telegram refused, with its answers. */
  refused(method?: string): ApiCall[] {
    return this.calls.filter((c) => !c.ok && c.error && (method === undefined || c.method === method));
  }

  /** Messages in a chat, oldest first, as they look now. */
  chat(chatId: number): FakeMessage[] {
    return this.messages.filter((m) => m.chatId === chatId);
  }

  last(chatId: number): FakeMessage {
    const list = this.chat(chatId);
    const m = list[list.length - 1];
    if (!m) throw new Error(`no message in chat ${chatId}`);
    return m;
  }

  /** Toasts shown for button presses (answerCallbackQuery texts), oldest first. */
  toasts(): string[] {
    return this.sent('answerCallbackQuery')
      .map((p) => p.text)
      .filter((t): t is string => typeof t === 'string');
  }

  /** The answer a press got (each press has at most one), or undefined when it got none. */
  answerOf(update: Update): Record<string, any> | undefined {
    const id = update.callback_query?.id;
    return this.sent('answerCallbackQuery').find((p) => p.callback_query_id === id);
  }

  /**
   * Every answerCallbackQuery the bot made for one press, accepted or refused: Telegram shows only
   * the first, so a press whose handler answers twice shows up here as two (the second refused).
   */
  answersTo(update: Update): ApiCall[] {
    const id = update.callback_query?.id;
    return this.calls.filter((c) => c.method === 'answerCallbackQuery' && c.payload.callback_query_id === id);
  }

  /**
   * The command menu a person sees for a scope and language, as stored by setMyCommands
   * (undefined when none was set there). Telegram falls back from chat scope to the defaults.
   */
  commands(scope: { type: string; chat_id?: number; user_id?: number } = { type: 'default' }, languageCode = ''): BotCommand[] | undefined {
    const key = commandsKey({ scope, language_code: languageCode });
    return isError(key) ? undefined : this.menus.get(key);
  }
}

function parseFields(fields: Record<string, string>): Record<string, any> {
  const out: Record<string, any> = { ...fields };
  if (fields.reply_markup) out.reply_markup = JSON.parse(fields.reply_markup);
  if (fields.chat_id) out.chat_id = Number(fields.chat_id);
  return out;
}

function parseMarkup(markup: unknown): InlineKeyboardMarkup | undefined {
  if (markup === undefined || markup === null) return undefined;
  const m = (typeof markup === 'string' ? JSON.parse(markup) : markup) as InlineKeyboardMarkup;
  return 'inline_keyboard' in m ? m : undefined;
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

function wire(m: FakeMessage) {
  return {
    message_id: m.message_id,
    date: Math.floor(Date.now() / 1000),
    chat: m.chatId < 0 ? { id: m.chatId, type: 'supergroup', title: 'Sales' } : { id: m.chatId, type: 'private', first_name: 'x' },
    from: testBotInfo,
    ...(m.via === 'sendMessage' ? { text: m.text } : { caption: m.text }),
    ...(m.reply_markup ? { reply_markup: m.reply_markup } : {}),
  };
}

let updateId = 1;

/** A person acted: the pacing clock moves on by a human pause. */
function personActs(from: User, chatId: number): void {
  humanMs += HUMAN_PAUSE_MS;
  if (chatId === from.id) spokeToBot.add(from.id);
}

export function tgUser(id: number, firstName: string, languageCode = 'ru', lastName?: string): User {
  return {
    id,
    is_bot: false,
    first_name: firstName,
    ...(lastName ? { last_name: lastName } : {}),
    language_code: languageCode,
    username: firstName.toLowerCase(),
  };
}

const privateChat = (user: User) => ({ id: user.id, type: 'private' as const, first_name: user.first_name });
export const groupChat = (id: number) => ({ id, type: 'supergroup' as const, title: 'Sales team' });

/** A text message (a command when it starts with "/"), optionally a reply to a bot message. */
export function textUpdate(from: User, text: string, opts: { chatId?: number; replyTo?: FakeMessage } = {}): Update {
  const chat = opts.chatId !== undefined && opts.chatId < 0 ? groupChat(opts.chatId) : privateChat(from);
  personActs(from, chat.id);
  const command = /^\/\S+/.exec(text);
  return {
    update_id: updateId++,
    message: {
      message_id: 10_000 + updateId,
      date: Math.floor(Date.now() / 1000),
      chat,
      from,
      text,
      ...(command ? { entities: [{ type: 'bot_command', offset: 0, length: command[0].length }] } : {}),
      ...(opts.replyTo ? { reply_to_message: { ...wire(opts.replyTo), reply_to_message: undefined } as any } : {}),
    },
  } as Update;
}

/** A press of one button of a message the bot sent. */
export function callbackUpdate(from: User, message: FakeMessage, data: string): Update {
  personActs(from, message.chatId);
  return {
    update_id: updateId++,
    callback_query: { id: `cq${updateId}`, from, chat_instance: 'ci', data, message: wire(message) as any },
  } as Update;
}

/** The button whose label contains `label` (or whose payload matches a RegExp); throws listing the buttons otherwise. */
export function findButton(message: FakeMessage, label: string | RegExp): InlineKeyboardButton.CallbackButton {
  const buttons = (message.reply_markup?.inline_keyboard.flat() ?? []).filter(
    (b): b is InlineKeyboardButton.CallbackButton => 'callback_data' in b,
  );
  const hit = buttons.find((b) => (typeof label === 'string' ? b.text.includes(label) : (b.callback_data ?? '').match(label) !== null));
  if (!hit) throw new Error(`no button ${String(label)} on message: ${buttons.map((b) => b.text).join(' | ') || '(none)'}`);
  return hit;
}

export function buttonLabels(message: FakeMessage): string[] {
  return (message.reply_markup?.inline_keyboard.flat() ?? []).map((b) => b.text);
}
