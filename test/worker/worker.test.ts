import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { activities, jobRuns, leads, members, outbox } from '../../db/schema/index.js';
import worker, { workerRuntime } from '../../src/entry/worker.js';
import { installFakeTelegram, type TelegramCall } from './fake-telegram.js';

let telegram: TelegramCall[];
beforeAll(() => {
  telegram = installFakeTelegram();
});

const workerEnv = () => env as never;
const db = () => workerRuntime(workerEnv()).deps.db;

async function call(request: Request): Promise<Response> {
  const ctx = createExecutionContext();
  const response = await worker.fetch(request, workerEnv(), ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

async function tick(at: string): Promise<void> {
  const ctx = createExecutionContext();
  await worker.scheduled({ cron: '* * * * *', scheduledTime: Date.parse(at) }, workerEnv(), ctx);
  await waitOnExecutionContext(ctx);
}

function telegramUpdate(secret: string | null, text: string) {
  const from = { id: 777, is_bot: false, first_name: 'Stranger', language_code: 'en' };
  return new Request('https://crm.example/telegram', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}) },
    body: JSON.stringify({
      update_id: 1000 + Math.floor(Math.random() * 1000),
      message: { message_id: 1, date: 1795740000, chat: { id: 777, type: 'private' }, from, text },
    }),
  });
}

describe('the Worker (inside workerd, D1 migrated from db/migrations)', () => {
  it('answers /health from D1', async () => {
    const res = await call(new Request('https://crm.example/health'));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', database: { ok: true } });
  });

  it('stores a form lead posted to fetch, with its first-contact call and its outbox entry', async () => {
    const res = await call(
      new Request('https://crm.example/hooks/form?token=worker-form-token', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ Имя: 'Анна', Телефон: '8 (916) 555-44-33', utm_source: 'yandex' }).toString(),
      }),
    );
    expect(res.status).toBe(201);
    const body = (await res.json()) as { lead_id: string; number: number; duplicate: boolean };
    expect(body).toMatchObject({ number: 1, duplicate: false });
    const [lead] = await db().select().from(leads).where(eq(leads.id, body.lead_id));
    expect(lead).toMatchObject({ name: 'Анна', phone: '+79165554433', utmSource: 'yandex', status: 'new', channel: 'site_form' });
    expect(await db().select().from(activities).where(eq(activities.leadId, body.lead_id))).toHaveLength(1);
    const queued = await db().select().from(outbox).where(eq(outbox.kind, 'lead_created'));
    expect(queued.map((m) => m.payload)).toContainEqual({ leadId: body.lead_id });
  });

  it('processes a Telegram update with the right secret and refuses a wrong or missing one with 401', async () => {
    const before = telegram.length;
    expect((await call(telegramUpdate('wrong-secret', '/start'))).status).toBe(401);
    expect((await call(telegramUpdate(null, '/start'))).status).toBe(401);
    expect(telegram.filter((c) => c.method === 'sendMessage')).toHaveLength(0);

    const ok = await call(telegramUpdate('worker-webhook-secret', '/leads'));
    expect(ok.status).toBe(200);
    const replies = telegram.slice(before).filter((c) => c.method === 'sendMessage');
    // A stranger is politely refused and sees no data.
    expect(replies).toHaveLength(1);
    expect(replies[0]?.body).toMatchObject({ chat_id: 777 });
    expect(String(replies[0]?.body.text)).not.toMatch(/Анна|\+7916/);
  });

  it('runs the morning list at the manager’s 09:00 from the cron trigger, once', async () => {
    const now = new Date('2026-11-25T05:00:00Z');
    await db().insert(members).values({
      id: 'm-olga',
      telegramId: 5001,
      chatId: 5001,
      name: 'Olga',
      role: 'manager',
      language: 'en',
      timeZone: 'Europe/Moscow',
      createdAt: now,
      updatedAt: now,
    });
    const [lead] = await db().select().from(leads).limit(1);
    await db().update(leads).set({ assigneeId: 'm-olga', status: 'assigned' }).where(eq(leads.id, lead!.id));
    await db()
      .update(activities)
      .set({ assigneeId: 'm-olga', dueAt: new Date('2026-11-25T09:00:00Z') })
      .where(eq(activities.leadId, lead!.id));

    const toOlga = () => telegram.filter((c) => c.method === 'sendMessage' && c.body.chat_id === 5001);
    const morningRuns = async () =>
      (await db().select({ n: sql<number>`count(*)` }).from(jobRuns).where(sql`${jobRuns.key} LIKE '%morning%'`))[0]!.n;

    // The first tick also delivers what was already queued (the new-lead card, now for Olga).
    await tick('2026-11-25T05:50:00Z');
    const before = toOlga().length;
    await tick('2026-11-25T05:55:00Z'); // 08:55 in Moscow: too early
    expect(toOlga()).toHaveLength(before);
    expect(await morningRuns()).toBe(0);
    await tick('2026-11-25T06:00:00Z'); // 09:00 in Moscow
    expect(toOlga()).toHaveLength(before + 1);
    expect(String(toOlga().at(-1)?.body.text)).toContain('Анна');
    const runs = await morningRuns();
    expect(runs).toBeGreaterThanOrEqual(1);

    await tick('2026-11-25T06:05:00Z'); // the next trigger sends nothing more
    expect(toOlga()).toHaveLength(before + 1);
    expect(await morningRuns()).toBe(runs);
  });
});
