import type { Update, User } from 'grammy/types';
import { createBot, type CrmBot } from '../../bot/create-bot.js';
import { unlimited } from '../../bot/outbox/rate-limiter.js';
import { botWorld, type BotWorld } from './bot-world.js';
import { callbackUpdate, findButton, testBotInfo, textUpdate, type FakeBotApi, type FakeMessage } from './telegram.js';

/** A file the bot sent (sendDocument with an InputFile): the multipart fields and the file's bytes. */
export interface Upload {
  method: string;
  chatId: number;
  caption: string;
  fileName: string;
  bytes: Uint8Array;
}

export interface DealBotWorld extends BotWorld {
  uploads: Upload[];
  /** Files "on Telegram's servers" for the bot to download, by file_id. */
  files: Map<string, Uint8Array>;
  sendDocument(user: User, fileId: string, fileName: string): Promise<void>;
}

/**
 * The bot world of bot-world.ts plus what file transfers need: uploads (multipart bodies, which the
 * JSON fake cannot read) are decoded and kept, and getFile + the file URL serve `files`.
 * The fake Bot API stays the one recorder of calls and messages.
 */
export async function dealBotWorld(): Promise<DealBotWorld> {
  const world = await botWorld();
  const uploads: Upload[] = [];
  const files = new Map<string, Uint8Array>();
  const fetch = fileAwareFetch(world.api, uploads, files);
  const bot: CrmBot = createBot({ ...world.deps, token: '123:TEST', botInfo: testBotInfo, fetch: fetch as never, limiter: unlimited() });
  const handle = (u: Update) => bot.handleUpdate(u);
  return {
    ...world,
    bot,
    uploads,
    files,
    send: (user, text, opts) => handle(textUpdate(user, text, opts)),
    async tap(user, label, message) {
      const on = message ?? world.api.last(user.id);
      world.taps.set(user.id, (world.taps.get(user.id) ?? 0) + 1);
      await handle(callbackUpdate(user, on, findButton(on, label).callback_data));
    },
    async sendDocument(user, fileId, fileName) {
      const update = textUpdate(user, '');
      const { text: _text, ...message } = update.message as NonNullable<Update['message']>;
      await handle({ ...update, message: { ...message, document: { file_id: fileId, file_unique_id: fileId, file_name: fileName, mime_type: 'text/csv', file_size: files.get(fileId)?.length ?? 0 } } } as Update);
    },
  };
}

function fileAwareFetch(api: FakeBotApi, uploads: Upload[], files: Map<string, Uint8Array>) {
  return async (url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const href = String(url);
    const fileMatch = /\/file\/bot[^/]+\/files\/(.+)$/.exec(href);
    if (fileMatch) {
      const bytes = files.get(decodeURIComponent(fileMatch[1]!));
      return bytes ? new Response(new Uint8Array(bytes)) : new Response('not found', { status: 404 });
    }
    const method = href.split('/').pop()!;
    if (method === 'getFile' && typeof init?.body === 'string') {
      const { file_id } = JSON.parse(init.body) as { file_id: string };
      await api.fetch(url, init);
      return Response.json({ ok: true, result: { file_id, file_unique_id: file_id, file_path: `files/${file_id}` } });
    }
    if (init?.body && typeof init.body !== "string") {
      const upload = await readMultipart(method, init);
      uploads.push(upload);
      return api.fetch(url, { ...init, body: JSON.stringify({ chat_id: upload.chatId, caption: upload.caption }) });
    }
    return api.fetch(url, init);
  };
}

/** Reads grammY's multipart body: text fields and the one file part. Binary-safe through latin1. */
async function readMultipart(method: string, init: RequestInit): Promise<Upload> {
  const contentType = new Headers(init.headers).get('content-type') ?? '';
  const boundary = /boundary=(.+)$/.exec(contentType)?.[1];
  if (!boundary) throw new Error(`no multipart boundary in ${contentType}`);
  const end = `--${boundary}--`;
  let raw = '';
  // Stop at the closing boundary rather than waiting for the stream's end.
  for await (const chunk of init.body as unknown as AsyncIterable<Uint8Array | string>) {
    raw += typeof chunk === 'string' ? Buffer.from(chunk, 'utf8').toString('latin1') : Buffer.from(chunk).toString('latin1');
    if (raw.includes(end)) break;
  }
  const fields: Record<string, string> = {};
  let file: { name: string; bytes: Uint8Array } | null = null;
  for (const part of raw.split(`--${boundary}`)) {
    const split = part.indexOf('\r\n\r\n');
    if (split < 0) continue;
    const head = part.slice(0, split);
    const body = part.slice(split + 4).replace(/\r\n$/, '');
    const name = /name="([^"]+)"/.exec(head)?.[1];
    // grammY writes filename=name.pdf without quotes.
    const fileName = /filename="?([^"\r\n;]*)"?/.exec(head)?.[1];
    if (fileName !== undefined) file = { name: fileName, bytes: Uint8Array.from(body, (c) => c.charCodeAt(0)) };
    else if (name) fields[name] = Buffer.from(body, 'latin1').toString('utf8');
  }
  if (!file) throw new Error('multipart body without a file');
  return { method, chatId: Number(fields.chat_id), caption: fields.caption ?? '', fileName: file.name, bytes: file.bytes };
}

export type { FakeMessage };
