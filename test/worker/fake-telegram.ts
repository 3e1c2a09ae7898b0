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
  QUERY_TOO_OLD,
  type TelegramError,
} from '../helpers/telegram-rules.js';

/**
 * A stand-in for the Bot API, installed as the isolate's global fetch before the Worker builds its
 * bot (grammY's web build takes the global fetch when the bot is made). workerd has no network
 * here, and tests must never reach api.telegram.org anyway. It applies the same rules as the Node
 * suite's fake (test/helpers/telegram-rules.ts): what Telegram refuses is refused here too.
 */
export interface TelegramCall {
  method: string;
  body: Record<string, unknown>;
  ok: boolean;
  error?: TelegramError;
}

export interface FakeTelegram {
  calls: TelegramCall[];
  /** Command menus by scope and language, as setMyCommands stored them. */
  menus: Map<string, unknown[]>;
  /** Methods Telegram does not have that the Worker called: a test asserts there are none. */
  unknown: string[];
  /** Files a user "sent", by file_id: getFile gives their path and the file URL serves them. */
  files: Map<string, Uint8Array>;
}

const bot = {
  id: 4242,
  is_bot: true,
  first_name: 'CRM',
  username: 'crm_test_bot',
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
};

export function installFakeTelegram(): TelegramCall[] & FakeTelegram {
  const calls = [] as unknown as TelegramCall[] & FakeTelegram;
  calls.calls = calls;
  calls.menus = new Map();
  calls.unknown = [];
  calls.files = new Map();
  const answered = new Set<string>();
  let messageId = 100;
  const original = globalThis.fetch;
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    const download = /\/file\/bot[^/]+\/documents\/(.+)$/.exec(url);
    if (download) {
      const file = calls.files.get(decodeURIComponent(download[1]!));
      return file ? new Response(file) : new Response('Not Found', { status: 404 });
    }
    if (!url.includes('/bot')) return original(input, init);
    const method = url.split('/').pop() ?? '';
    const body = init?.body && typeof init.body === 'string' ? (JSON.parse(init.body) as Record<string, unknown>) : {};
    const outcome = answer(method, body);
    calls.push({ method, body, ok: !isError(outcome), ...(isError(outcome) ? { error: outcome } : {}) });
    if (isError(outcome)) return Response.json({ ok: false, ...outcome }, { status: outcome.error_code });
    return Response.json({ ok: true, result: outcome });
  }) as typeof fetch;

  function answer(method: string, p: Record<string, any>): unknown {
    if (!BOT_API_METHODS.has(method)) {
      calls.unknown.push(method);
      return { error_code: 404, description: 'Not Found' };
    }
    switch (method) {
      case 'getMe':
        return bot;
      case 'getFile': {
        const file = calls.files.get(String(p.file_id));
        if (!file) return badRequest('invalid file_id');
        return { file_id: p.file_id, file_unique_id: `u-${String(p.file_id)}`, file_size: file.byteLength, file_path: `documents/${String(p.file_id)}` };
      }
      case 'sendMessage':
      case 'sendPhoto':
      case 'sendDocument': {
        const r = method === 'sendMessage' ? checkText(p, method) : checkCaption(p);
        if (isError(r)) return r;
        const bad = checkMarkup(p.reply_markup, Number(p.chat_id));
        if (bad) return bad;
        return {
          message_id: ++messageId,
          date: 0,
          chat: { id: Number(p.chat_id), type: Number(p.chat_id) < 0 ? 'supergroup' : 'private' },
          text: r.text,
        };
      }
      case 'answerCallbackQuery': {
        const id = String(p.callback_query_id ?? '');
        if (!id || answered.has(id)) return QUERY_TOO_OLD;
        answered.add(id);
        return checkCallbackAnswer(p) ?? true;
      }
      case 'setMyCommands': {
        const key = commandsKey(p);
        if (isError(key)) return key;
        const bad = checkCommands(p.commands);
        if (bad) return bad;
        calls.menus.set(key, p.commands as unknown[]);
        return true;
      }
      case 'deleteMyCommands': {
        const key = commandsKey(p);
        if (isError(key)) return key;
        calls.menus.delete(key);
        return true;
      }
      case 'editMessageText': {
        const r = checkText(p, method);
        return isError(r) ? r : (checkMarkup(p.reply_markup, Number(p.chat_id)) ?? true);
      }
      case 'editMessageReplyMarkup':
        return checkMarkup(p.reply_markup, Number(p.chat_id)) ?? true;
      case 'setChatMenuButton':
        return checkMenuButton(p) ?? true;
      case 'setWebhook':
        return checkWebhook(p) ?? true;
      default:
        return true;
    }
  }
  return calls;
}
