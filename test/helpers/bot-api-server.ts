import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readMessage } from '../../bench/lib/fake-bot-server.js';
import { testBotInfo } from './telegram.js';

export interface SentMessage {
  method: string;
  chatId: number;
  text: string;
}

export interface BotApiServer {
  sent: SentMessage[];
  methods: string[];
  close(): Promise<void>;
}

/**
 * A Bot API over real HTTP on a given loopback port, for tests that run the product as a child
 * process: getMe answers the test bot, getUpdates answers an empty batch after a short wait (as
 * a long poll with nothing new does), sends are recorded and answered like Telegram.
 */
export async function listenBotApi(port: number, opts: { getMe?: 'ok' | 'unauthorized' } = {}): Promise<BotApiServer> {
  const sent: SentMessage[] = [];
  const methods: string[] = [];
  let nextId = 1;
  const server: Server = createServer((req, res) => void handle(req, res));

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const method = req.url?.split('/').pop() ?? '';
    methods.push(method);
    const answer = (status: number, body: unknown) => {
      if (res.destroyed) return;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (opts.getMe === 'unauthorized') return answer(401, { ok: false, error_code: 401, description: 'Unauthorized' });
    if (method === 'getMe') return answer(200, { ok: true, result: testBotInfo });
    if (method === 'getUpdates') return void setTimeout(() => answer(200, { ok: true, result: [] }), 300);
    if (method === 'sendMessage' || method === 'sendPhoto' || method === 'sendDocument') {
      const { chatId, text } = readMessage(Buffer.concat(chunks), req.headers['content-type'] ?? '');
      sent.push({ method, chatId, text });
      const chat = chatId < 0 ? { id: chatId, type: 'supergroup', title: 'Sales' } : { id: chatId, type: 'private', first_name: 'x' };
      return answer(200, { ok: true, result: { message_id: nextId++, date: Math.floor(Date.now() / 1000), chat, text } });
    }
    return answer(200, { ok: true, result: true });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    sent,
    methods,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
