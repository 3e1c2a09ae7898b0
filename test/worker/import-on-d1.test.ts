import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../../bot/i18n.js';
import { history, leads, tasks } from '../../db/schema/index.js';
import worker, { WORKER_IMPORT_ROWS, workerRuntime, type WorkerEnv } from '../../src/entry/worker.js';
import { coldBaseCsv } from '../helpers/cold-base.js';
import { countingD1 } from './counting-d1.js';
import { seedMember } from './d1-team.js';
import { installFakeTelegram } from './fake-telegram.js';

/** D1 refuses the 1,001st query of one Worker invocation; each statement of a batch counts. */
const D1_QUERIES_PER_INVOCATION = 1_000;

const d1 = countingD1(env.DB);
// Its own env object: the Worker builds its runtime (bot, deps, D1 handle) from it as from any other.
const countedEnv = { ...(env as unknown as WorkerEnv), DB: d1.binding } as WorkerEnv;
const db = () => workerRuntime(countedEnv).deps.db;

let telegram: ReturnType<typeof installFakeTelegram>;
beforeAll(() => {
  telegram = installFakeTelegram();
});
afterEach(() => expect(telegram.unknown.splice(0)).toEqual([]));

/** One Worker invocation (the request or the cron tick, and what it left to waitUntil); its D1 query count. */
async function invocation(run: (ctx: ExecutionContext) => Promise<unknown>): Promise<number> {
  d1.reset();
  const ctx = createExecutionContext();
  await run(ctx);
  await waitOnExecutionContext(ctx);
  return d1.queries();
}

function documentUpdate(updateId: number, fromId: number, fileId: string, fileName: string) {
  return new Request('https://crm.example/telegram', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 'worker-webhook-secret' },
    body: JSON.stringify({
      update_id: updateId,
      message: {
        message_id: 7,
        date: 1795740000,
        chat: { id: fromId, type: 'private' },
        from: { id: fromId, is_bot: false, first_name: 'Hanna', language_code: 'en' },
        document: { file_id: fileId, file_unique_id: `u-${fileId}`, file_name: fileName, mime_type: 'text/csv', file_size: 1 },
      },
    }),
  });
}

/** Sends the file to the bot as the head, then lets cron ticks carry the import on until its task is done; the queries of each invocation. */
async function importOnWorker(updateId: number, fromId: number, fileId: string, tickFrom: number): Promise<number[]> {
  const perInvocation: number[] = [];
  let status = 0;
  perInvocation.push(
    await invocation(async (ctx) => {
      status = (await worker.fetch(documentUpdate(updateId, fromId, fileId, 'base.csv'), countedEnv, ctx)).status;
    }),
  );
  expect(status).toBe(200);
  for (let tick = 1; tick <= 30; tick++) {
    const unfinished = await db().select({ id: tasks.id }).from(tasks).where(sql`${tasks.state} <> 'done'`);
    if (unfinished.length === 0) break;
    perInvocation.push(await invocation((ctx) => worker.scheduled({ cron: '* * * * *', scheduledTime: tickFrom + tick * 60_000 }, countedEnv, ctx)));
  }
  return perInvocation;
}

describe('a large CSV import on Workers (D1)', () => {
  it('advances in chunks across invocations, each under D1’s 1,000 queries, and imports every row once', async () => {
    const HEAD_TELEGRAM_ID = 9601;
    await seedMember(db(), HEAD_TELEGRAM_ID, 'Hanna', 'head');
    const base = coldBaseCsv(1_000, 300_000);
    telegram.files.set('big-base', new TextEncoder().encode(base.csv));

    const perInvocation = await importOnWorker(88_001, HEAD_TELEGRAM_ID, 'big-base', Date.parse('2026-12-01T09:00:00Z'));

    const [task] = await db().select().from(tasks);
    expect(task).toMatchObject({ state: 'done', lastError: null });
    expect(perInvocation.length).toBeGreaterThan(2);
    expect(Math.max(...perInvocation)).toBeLessThan(D1_QUERIES_PER_INVOCATION);

    const imported = await db().select({ n: sql<number>`count(*)` }).from(leads).where(sql`${leads.source} = 'csv:base.csv'`);
    expect(imported[0]?.n).toBe(base.created);
    const twice = await db().select({ phone: leads.phone }).from(leads).groupBy(leads.phone).having(sql`count(*) > 1`);
    expect(twice).toEqual([]);
    expect(await db().select({ id: history.id }).from(history).where(eq(history.action, 'repeat_request'))).toEqual([]);

    // The head (Russian) saw one message edited as the import went, then the summary and the rejected rows as a file.
    const t = messages('ru');
    const edits = telegram.calls.filter((c) => c.method === 'editMessageText' && c.ok).map((c) => String(c.body.text));
    expect(edits.at(-1)).toBe(t.csv.summary({ created: base.created, joined: 0, rejected: base.rejected }));
    expect(edits).toContain(t.csv.progress({ done: WORKER_IMPORT_ROWS, total: 1_000 }));
    expect(telegram.calls.filter((c) => c.method === 'sendDocument' && c.ok)).toHaveLength(1);

    // The costliest file: every row joins a lead still open (two writes a row, no multi-row insert).
    telegram.files.set('same-people', new TextEncoder().encode(base.csv));
    const repeats = await importOnWorker(88_002, HEAD_TELEGRAM_ID, 'same-people', Date.parse('2026-12-01T10:00:00Z'));
    expect(Math.max(...repeats)).toBeLessThan(D1_QUERIES_PER_INVOCATION);
    expect(await db().select({ id: history.id }).from(history).where(eq(history.action, 'repeat_request'))).toHaveLength(base.created);
    expect(telegram.calls.filter((c) => c.method === 'editMessageText' && c.ok).at(-1)?.body.text).toBe(
      t.csv.summary({ created: 0, joined: base.created, rejected: base.rejected }),
    );
    console.log(`D1 queries per invocation, 1,000-row file: new leads ${perInvocation.join(', ')}; all repeats ${repeats.join(', ')}`);
  }, 120_000);
});
