import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { FakeBotApi } from './telegram.js';

export interface SentMessage {
  method: string;
  chatId: number;
  text: string;
}

export interface BotApiServer {
  sent: SentMessage[];
  /** The strict fake behind the port: each message as it looks now (edits, buttons), uploads, calls. */
  fake: FakeBotApi;
  methods: string[];
  close(): Promise<void>;
}

/**
 * A Bot API over real HTTP on a given loopback port, for tests that run the product as a child
 * process: the strict fake (./telegram.ts) behind a socket, so the child meets Telegram's rules
 * too. getUpdates answers an empty batch after a short wait (as a long poll with nothing new does).
 */
export async function listenBotApi(port: number, opts: { getMe?: 'ok' | 'unauthorized' } = {}): Promise<BotApiServer> {
  const sent: SentMessage[] = [];
  const methods: string[] = [];
  const fake = new FakeBotApi();
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
    if (method === 'getUpdates') return void setTimeout(() => answer(200, { ok: true, result: [] }), 300);
    const body = Buffer.concat(chunks);
    const contentType = req.headers['content-type'] ?? '';
    const init = {
      headers: { 'content-type': contentType },
      body: contentType.startsWith('multipart/') ? ([body] as never) : body.toString('utf8') || '{}',
    };
    const response = await fake.fetch(`http://127.0.0.1:${port}${req.url ?? ''}`, init);
    const reply = (await response.json()) as { ok: boolean; result?: { chat?: { id: number }; text?: string; caption?: string } };
    if (reply.ok && /^send(Message|Photo|Document)$/.exec(method) !== null) {
      sent.push({ method, chatId: Number(reply.result?.chat?.id), text: reply.result?.text ?? reply.result?.caption ?? '' });
    }
    return answer(response.status, reply);
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    sent,
    fake,
    methods,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
