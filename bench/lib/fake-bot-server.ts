import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local Bot API over real HTTP on 127.0.0.1 that can be switched into the ways Telegram fails:
 * `down` closes the listening socket and every open connection (the client sees ECONNREFUSED or a
 * reset), `500` answers Internal Server Error, `429` answers Too Many Requests with retry_after.
 * It records every message it accepted, in arrival order, so a test can count duplicates, losses
 * and the order per chat. Unlike `client.fetch` fakes, this exercises grammY's real HTTP path.
 */
export type FakeBotMode = 'up' | 'down' | '500' | '429';

export interface AcceptedMessage {
  method: string;
  chatId: number;
  text: string;
  messageId: number;
}

export interface FakeBotServer {
  apiRoot: string;
  mode: FakeBotMode;
  accepted: AcceptedMessage[];
  /** Send calls refused with 500 or 429 (connection refusals never reach the server). */
  refused: { '500': number; '429': number };
  setMode(mode: FakeBotMode, opts?: { retryAfterSeconds?: number }): Promise<void>;
  close(): Promise<void>;
}

const SEND_METHODS = new Set(['sendMessage', 'sendPhoto', 'sendDocument']);

export async function startFakeBotServer(): Promise<FakeBotServer> {
  let retryAfter = 5;
  let nextMessageId = 1;
  const server: Server = createServer((req, res) => void handle(req, res));
  await listen(server, 0);
  const port = (server.address() as AddressInfo).port;

  const fake: FakeBotServer = {
    apiRoot: `http://127.0.0.1:${port}`,
    mode: 'up',
    accepted: [],
    refused: { '500': 0, '429': 0 },
    async setMode(mode, opts = {}) {
      retryAfter = opts.retryAfterSeconds ?? retryAfter;
      const wasDown = fake.mode === 'down';
      fake.mode = mode;
      if (mode === 'down' && !wasDown) {
        // Keep-alive sockets would otherwise go on being answered after the listener is gone.
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await closed;
      } else if (mode !== 'down' && wasDown) {
        await listen(server, port);
      }
    },
    async close() {
      if (fake.mode === 'down') return;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const method = req.url?.split('/').pop() ?? '';
    const answer = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (!SEND_METHODS.has(method)) return answer(200, { ok: true, result: true });
    if (fake.mode === '500') {
      fake.refused['500']++;
      return answer(500, { ok: false, error_code: 500, description: 'Internal Server Error' });
    }
    if (fake.mode === '429') {
      fake.refused['429']++;
      const description = `Too Many Requests: retry after ${retryAfter}`;
      return answer(429, { ok: false, error_code: 429, description, parameters: { retry_after: retryAfter } });
    }
    const { chatId, text } = readMessage(Buffer.concat(chunks), req.headers['content-type'] ?? '');
    const message = { method, chatId, text, messageId: nextMessageId++ };
    fake.accepted.push(message);
    const chat = chatId < 0 ? { id: chatId, type: 'supergroup', title: 'Sales' } : { id: chatId, type: 'private', first_name: 'x' };
    answer(200, { ok: true, result: { message_id: message.messageId, date: Math.floor(Date.now() / 1000), chat, text } });
  }

  return fake;
}

/** chat_id and text (or a photo's caption) from a JSON body or a multipart upload. */
export function readMessage(body: Buffer, contentType: string): { chatId: number; text: string } {
  if (contentType.includes('application/json')) {
    const p = JSON.parse(body.toString('utf8')) as { chat_id?: unknown; text?: unknown; caption?: unknown };
    return { chatId: Number(p.chat_id), text: String(p.text ?? p.caption ?? '') };
  }
  const raw = body.toString('latin1');
  const field = (name: string) => new RegExp(`name="${name}"\\r\\n\\r\\n([\\s\\S]*?)\\r\\n--`).exec(raw)?.[1];
  const caption = field('caption');
  return { chatId: Number(field('chat_id')), text: caption === undefined ? '' : Buffer.from(caption, 'latin1').toString('utf8') };
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}
