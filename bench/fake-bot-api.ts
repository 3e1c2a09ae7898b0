import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local Bot API stand-in for benches (node:http on 127.0.0.1) that enforces Telegram's overall
 * limit: at most `perSecond` messages in any sliding second, else 429 with retry_after. It counts
 * what it accepted per chat, so a bench can tell lost messages from duplicates.
 */
export interface FakeBotServer {
  apiRoot: string;
  accepted: Map<number, number>;
  stats: { accepted: number; tooMany: number; firstAt: number; lastAt: number };
  close(): Promise<void>;
}

export async function startFakeBotApi(opts: { perSecond?: number; retryAfterSeconds?: number } = {}): Promise<FakeBotServer> {
  const perSecond = opts.perSecond ?? 30;
  const window: number[] = [];
  const accepted = new Map<number, number>();
  const stats = { accepted: 0, tooMany: 0, firstAt: 0, lastAt: 0 };
  let messageId = 1;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const method = req.url?.split('/').pop() ?? '';
      const answer = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (method !== 'sendMessage' && method !== 'sendPhoto') return answer(200, { ok: true, result: true });
      const now = Date.now();
      while (window.length && window[0]! <= now - 1000) window.shift();
      if (window.length >= perSecond) {
        stats.tooMany++;
        const retry = opts.retryAfterSeconds ?? 1;
        return answer(429, { ok: false, error_code: 429, description: `Too Many Requests: retry after ${retry}`, parameters: { retry_after: retry } });
      }
      window.push(now);
      const text = Buffer.concat(chunks).toString('utf8');
      const chatId = Number(/"chat_id":(-?\d+)/.exec(text)?.[1] ?? /name="chat_id"\r\n\r\n(-?\d+)/.exec(text)?.[1]);
      accepted.set(chatId, (accepted.get(chatId) ?? 0) + 1);
      stats.accepted++;
      stats.firstAt ||= now;
      stats.lastAt = now;
      answer(200, {
        ok: true,
        result: { message_id: messageId++, date: Math.floor(now / 1000), chat: { id: chatId, type: 'private' }, text: 'ok' },
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiRoot: `http://127.0.0.1:${port}`,
    accepted,
    stats,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
