import type { InlineKeyboardButton, InlineKeyboardMarkup, Update, User, UserFromGetMe } from 'grammy/types';

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
}

export interface FakeMessage {
  message_id: number;
  chatId: number;
  text: string;
  reply_markup?: InlineKeyboardMarkup;
  /** The Bot API method that produced it (sendMessage, sendPhoto). */
  via: string;
}

/** A scripted answer for one call instead of success: an API error, or a network failure. */
export type FakeFailure = { error_code: number; description: string; parameters?: { retry_after?: number } } | 'network';

/**
 * A Bot API stand-in behind grammY's `client.fetch`: records every call, answers like Telegram
 * (`{ ok, result }`, message ids counting up per chat), keeps each message's current text and
 * buttons through edits, and can be told to fail calls. Never touches the network.
 */
export class FakeBotApi {
  readonly calls: ApiCall[] = [];
  readonly messages: FakeMessage[] = [];
  private nextId = 100;
  failWith: ((method: string, payload: Record<string, any>) => FakeFailure | undefined) | undefined;

  fetch = async (url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const method = String(url).split('/').pop()!;
    const payload = typeof init?.body === 'string' ? (JSON.parse(init.body) as Record<string, any>) : {};
    const failure = this.failWith?.(method, payload);
    this.calls.push({ method, payload, ok: !failure });
    if (failure === 'network') throw new TypeError('fetch failed: connection reset');
    if (failure) return json({ ok: false, ...failure });
    return json({ ok: true, result: this.result(method, payload) });
  };

  private result(method: string, p: Record<string, any>): unknown {
    switch (method) {
      case 'sendMessage':
      case 'sendPhoto':
      case 'sendDocument': {
        const m: FakeMessage = { message_id: this.nextId++, chatId: Number(p.chat_id), text: p.text ?? p.caption ?? '', reply_markup: p.reply_markup, via: method };
        this.messages.push(m);
        return wire(m);
      }
      case 'editMessageText': {
        const m = this.find(p);
        if (!m) return true;
        m.text = p.text;
        // Telegram drops the buttons of an edit that sends none.
        m.reply_markup = p.reply_markup;
        return wire(m);
      }
      case 'editMessageReplyMarkup': {
        const m = this.find(p);
        if (m) m.reply_markup = p.reply_markup;
        return m ? wire(m) : true;
      }
      case 'getMe':
        return testBotInfo;
      default:
        return true;
    }
  }

  private find(p: Record<string, any>): FakeMessage | undefined {
    return this.messages.find((m) => m.chatId === Number(p.chat_id) && m.message_id === Number(p.message_id));
  }

  /** Successful calls of a method, in order. */
  sent(method: string): Record<string, any>[] {
    return this.calls.filter((c) => c.ok && c.method === method).map((c) => c.payload);
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
    return this.sent('answerCallbackQuery').map((p) => p.text).filter((t): t is string => typeof t === 'string');
  }
}

function json(body: unknown): Response {
  return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
}

function wire(m: FakeMessage) {
  return {
    message_id: m.message_id,
    date: Math.floor(Date.now() / 1000),
    chat: m.chatId < 0 ? { id: m.chatId, type: 'supergroup', title: 'Sales' } : { id: m.chatId, type: 'private', first_name: 'x' },
    from: testBotInfo,
    text: m.text,
    ...(m.reply_markup ? { reply_markup: m.reply_markup } : {}),
  };
}

let updateId = 1;

export function tgUser(id: number, firstName: string, languageCode = 'ru', lastName?: string): User {
  return { id, is_bot: false, first_name: firstName, ...(lastName ? { last_name: lastName } : {}), language_code: languageCode, username: firstName.toLowerCase() };
}

const privateChat = (user: User) => ({ id: user.id, type: 'private' as const, first_name: user.first_name });
export const groupChat = (id: number) => ({ id, type: 'supergroup' as const, title: 'Sales team' });

/** A text message (a command when it starts with "/"), optionally a reply to a bot message. */
export function textUpdate(from: User, text: string, opts: { chatId?: number; replyTo?: FakeMessage } = {}): Update {
  const chat = opts.chatId !== undefined && opts.chatId < 0 ? groupChat(opts.chatId) : privateChat(from);
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
