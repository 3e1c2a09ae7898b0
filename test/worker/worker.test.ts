import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { activities, deals, history, invites, jobRuns, leads, members, outbox, settings, teamChatCards } from '../../db/schema/index.js';
import { signInitData } from '../../miniapp/init-data.js';
import { TEAM_CHAT_SETTING_KEY } from '../../src/core/team-chat/bind-team-chat.js';
import { writeSetting } from '../../src/core/shared/settings-store.js';
import { newInviteCode } from '../../src/core/team/create-invite.js';
import worker, { workerRuntime } from '../../src/entry/worker.js';
import { installFakeTelegram } from './fake-telegram.js';

let telegram: ReturnType<typeof installFakeTelegram>;
beforeAll(() => {
  telegram = installFakeTelegram();
});
// A Bot API method Telegram does not have fails the test that called it.
afterEach(() => expect(telegram.unknown.splice(0)).toEqual([]));

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

/** Every update a distinct id: the Worker takes each update_id in once, as Telegram expects. */
let nextUpdateId = 1000;

function telegramUpdate(secret: string | null, text: string) {
  const from = { id: 777, is_bot: false, first_name: 'Stranger', language_code: 'en' };
  return new Request('https://crm.example/telegram', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}) },
    body: JSON.stringify({
      update_id: nextUpdateId++,
      message: {
        message_id: 1,
        date: 1795740000,
        chat: { id: 777, type: 'private' },
        from,
        text,
        ...(text.startsWith('/') ? { entities: [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]!.length }] } : {}),
      },
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
    expect(await res.json()).toEqual({ ok: true });
    const [lead] = await db().select().from(leads).where(eq(leads.phone, '+79165554433'));
    expect(lead).toMatchObject({ name: 'Анна', number: 1, utmSource: 'yandex', status: 'new', channel: 'site_form' });
    expect(await db().select().from(activities).where(eq(activities.leadId, lead!.id))).toHaveLength(1);
    const queued = await db().select().from(outbox).where(eq(outbox.kind, 'lead_created'));
    expect(queued.map((m) => m.payload)).toContainEqual({ leadId: lead!.id });
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

  it('sets the chat menu button to the Mini App on the first bot update an isolate serves, once', async () => {
    // A Worker has no start-up: with an https PUBLIC_URL, the first update sets the button Node sets at start.
    const withUrl = { ...(env as object), PUBLIC_URL: 'https://crm.example' } as never;
    const before = telegram.length;
    for (const text of ['/start', '/leads']) {
      const ctx = createExecutionContext();
      expect((await worker.fetch(telegramUpdate('worker-webhook-secret', text), withUrl, ctx)).status).toBe(200);
      await waitOnExecutionContext(ctx);
    }
    const set = telegram.slice(before).filter((c) => c.method === 'setChatMenuButton');
    expect(set).toHaveLength(1);
    expect(set[0]).toMatchObject({ ok: true, body: { menu_button: { type: 'web_app', web_app: { url: 'https://crm.example/app' } } } });
    // Without an https PUBLIC_URL (this suite's own env) there is no button to set.
    expect(telegram.slice(0, before).filter((c) => c.method === 'setChatMenuButton')).toEqual([]);
  });

  it('serves the Mini App on D1: the board, a deal record and the pool, read by their pinned indexes', async () => {
    const now = new Date();
    await db().insert(members).values({
      id: 'm-head',
      telegramId: 6501,
      chatId: 6501,
      name: 'Helen',
      role: 'head',
      language: 'en',
      createdAt: now,
      updatedAt: now,
    });
    await db().insert(deals).values({
      id: 'd-board',
      number: 9001,
      title: 'Board on D1',
      stage: 'proposal',
      amount: 5_000_00,
      assigneeId: 'm-head',
      createdAt: now,
      updatedAt: now,
    });
    const due = new Date(now.getTime() + 86_400_000);
    await db().insert(activities).values({
      id: 'a-board',
      kind: 'call',
      subject: 'follow_up',
      dueAt: due,
      assigneeId: 'm-head',
      dealId: 'd-board',
      createdAt: now,
      updatedAt: now,
    });
    const initData = await signInitData(
      { user: JSON.stringify({ id: 6501, first_name: 'Helen' }), auth_date: String(Math.floor(Date.now() / 1000)) },
      '123456:worker-test-token',
    );
    const get = (path: string) =>
      call(new Request(`https://crm.example/app/api${path}`, { headers: { authorization: `tma ${initData}` } }));

    const board = await get('/board');
    expect(board.status).toBe(200);
    const proposal = (
      (await board.json()) as { columns: { stage: string; count: number; cards: { title: string; next: unknown }[] }[] }
    ).columns.find((c) => c.stage === 'proposal')!;
    expect(proposal.cards.find((c) => c.title === 'Board on D1')).toMatchObject({ next: { kind: 'call', dueAt: due.toISOString() } });
    const record = await get('/deals/d-board');
    expect(record.status).toBe(200);
    expect(await record.json()).toMatchObject({ title: 'Board on D1', activities: [{ id: 'a-board', doneAt: null }] });
    const pool = await get('/leads');
    expect(pool.status).toBe(200);
    expect(await pool.json()).toMatchObject({ pool: { total: expect.any(Number) } });
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
      (
        await db()
          .select({ n: sql<number>`count(*)` })
          .from(jobRuns)
          .where(sql`${jobRuns.key} LIKE '%morning%'`)
      )[0]!.n;

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

  it('two managers pressing Take at once through the webhook on D1: exactly one wins', async () => {
    const now = new Date('2026-11-25T07:00:00Z');
    for (const [id, telegramId, name] of [
      ['m-ivan', 6001, 'Ivan'],
      ['m-petr', 6002, 'Petr'],
    ] as const) {
      await db()
        .insert(members)
        .values({ id, telegramId, chatId: telegramId, name, role: 'manager', language: 'en', createdAt: now, updatedAt: now });
    }
    // The team chat is bound, so the card the form post sends at once goes there and the lead stays
    // in the pool (with no team chat it would be assigned round-robin as the card goes out).
    await writeSetting({ db: db() }, TEAM_CHAT_SETTING_KEY, { chatId: -100500, title: 'Team' }, now);
    const posted = await call(
      new Request('https://crm.example/hooks/form?token=worker-form-token', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Take race', phone: '+7 903 111-22-33' }),
      }),
    );
    expect(posted.status).toBe(201);
    const leadId = (await db().select({ id: leads.id }).from(leads).where(eq(leads.phone, '+79031112233')))[0]!.id;
    // The team chat's message 77 is the card that carries this lead: Take is honoured only there.
    await db()
      .insert(teamChatCards)
      .values({ id: 'card-77', chatId: -100500, messageId: 77, kind: 'single', leadIds: [leadId], createdAt: now });
    const press = (telegramId: number, name: string, n: number) =>
      call(
        new Request('https://crm.example/telegram', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 'worker-webhook-secret' },
          body: JSON.stringify({
            update_id: 5000 + n,
            callback_query: {
              id: `cq-${n}`,
              chat_instance: 'team',
              data: `take:${leadId}`,
              from: { id: telegramId, is_bot: false, first_name: name, language_code: 'en' },
              message: { message_id: 77, date: 1795740000, chat: { id: -100500, type: 'supergroup', title: 'Team' }, text: 'card' },
            },
          }),
        }),
      );
    const answers = await Promise.all([press(6001, 'Ivan', 1), press(6002, 'Petr', 2)]);
    expect(answers.map((r) => r.status)).toEqual([200, 200]);

    const [lead] = await db().select().from(leads).where(eq(leads.id, leadId));
    expect(['m-ivan', 'm-petr']).toContain(lead?.assigneeId);
    expect(lead?.status).toBe('assigned');
    const taken = (await db().select().from(history).where(eq(history.entityId, leadId))).filter((l) => l.action === 'taken');
    expect(taken).toHaveLength(1);
    const toasts = telegram.filter((c) => c.method === 'answerCallbackQuery' && String(c.body.callback_query_id).startsWith('cq-'));
    expect(toasts).toHaveLength(2);
    expect(toasts.some((c) => /already taken/i.test(String(c.body.text ?? '')))).toBe(true);
    await db().delete(settings).where(eq(settings.key, TEAM_CHAT_SETTING_KEY));
  });

  it('the first owner joins with /start CODE over the webhook, the invite written as `owner invite --sql` does', async () => {
    const { code, codeHash } = await newInviteCode();
    const at = Date.now();
    await db()
      .insert(invites)
      .values({ codeHash, role: 'owner', createdAt: new Date(at), expiresAt: new Date(at + 3_600_000) });
    const before = telegram.length;
    const res = await call(telegramUpdate('worker-webhook-secret', `/start ${code}`));
    expect(res.status).toBe(200);
    const [owner] = await db().select().from(members).where(eq(members.telegramId, 777));
    expect(owner).toMatchObject({ role: 'owner', active: true, language: 'en' });
    const reply = telegram.slice(before).find((c) => c.method === 'sendMessage');
    expect(String(reply?.body.text)).toMatch(/owner/i);
    // The code works once.
    expect((await db().select().from(invites).where(eq(invites.codeHash, codeHash)))[0]?.usedBy).toBe(owner!.id);
  });
});
