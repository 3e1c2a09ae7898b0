import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { members } from '../../db/schema/index.js';
import worker, { workerRuntime } from '../../src/entry/worker.js';
import { installFakeTelegram } from './fake-telegram.js';

let telegram: ReturnType<typeof installFakeTelegram>;
beforeAll(() => {
  telegram = installFakeTelegram();
});
afterEach(() => expect(telegram.unknown.splice(0)).toEqual([]));

const workerEnv = () => env as never;
let nextUpdateId = 5000;

async function update(): Promise<Response> {
  const ctx = createExecutionContext();
  const request = new Request('https://crm.example/telegram', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 'worker-webhook-secret' },
    body: JSON.stringify({
      update_id: nextUpdateId++,
      message: {
        message_id: 1,
        date: 1795740000,
        chat: { id: 9001, type: 'private' },
        from: { id: 9001, is_bot: false, first_name: 'Anna' },
        text: '/help',
        entities: [{ type: 'bot_command', offset: 0, length: 5 }],
      },
    }),
  });
  const response = await worker.fetch(request, workerEnv(), ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

const names = (key: string) => (telegram.menus.get(key) as { command: string }[] | undefined)?.map((c) => c.command);

describe('the Worker sets the command menus on its first Telegram update', () => {
  it('once per isolate, after answering: /start for everyone, each member’s by role in their chat', async () => {
    const at = new Date('2026-11-25T05:00:00Z');
    const db = workerRuntime(workerEnv()).deps.db;
    await db.insert(members).values([
      { id: 'm-anna', telegramId: 9001, chatId: 9001, name: 'Anna', role: 'manager', language: 'ru', createdAt: at, updatedAt: at },
      { id: 'm-olga', telegramId: 9002, chatId: 9002, name: 'Olga', role: 'owner', language: 'en', createdAt: at, updatedAt: at },
    ]);
    expect((await update()).status).toBe(200);
    expect(names('default|||')).toEqual(['start']);
    expect(names('default|||ru')).toEqual(['start']);
    expect(names('chat|9001||')).toContain('leads');
    expect(names('chat|9001||')).not.toContain('settings');
    expect(names('chat|9002||')).toContain('settings');
    const reply = telegram.find((c) => c.method === 'sendMessage' && c.body.chat_id === 9001);
    expect(reply, 'the update itself was answered').toBeDefined();

    const setsAfterFirst = telegram.filter((c) => c.method === 'setMyCommands').length;
    await update();
    expect(telegram.filter((c) => c.method === 'setMyCommands')).toHaveLength(setsAfterFirst);
  });
});
