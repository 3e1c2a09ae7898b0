/**
 * `npm run bench:digest`: 1,000 managers with five activities each in a temp-file libSQL database;
 * the morning-list job queues one list per manager, then the outbox sender delivers them to a local
 * fake Bot API that allows 30 messages a second (429 with retry_after beyond). Prints the job's time,
 * messages/s, 429 answers, and lost and duplicated messages (counted by the fake, per chat).
 * Env: MANAGERS (default 1000).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, count, eq } from 'drizzle-orm';
import type { UserFromGetMe } from 'grammy/types';
import { createBot } from '../bot/create-bot.js';
import { deliverOutbox } from '../bot/outbox/deliver.js';
import { createDb } from '../db/client.js';
import { runMigrations } from '../db/migrate.js';
import { outbox } from '../db/schema/index.js';
import { createAppDeps } from '../src/app-deps.js';
import { parseEnv } from '../src/config.js';
import { nodeFonts } from '../src/entry/node-fonts.js';
import { nodeResvgWasm } from '../src/entry/node-resvg.js';
import { jobContext } from '../src/jobs/job-context.js';
import { sendMorningLists } from '../src/jobs/morning-list.js';
import { startFakeBotApi } from './fake-bot-api.js';

const MANAGERS = Number(process.env.MANAGERS ?? 1000);
const botInfo = { id: 1, is_bot: true, first_name: 'Bench', username: 'bench_bot' } as UserFromGetMe;

const dir = mkdtempSync(join(tmpdir(), 'crm-bench-digest-'));
const handle = await createDb({ url: `file:${join(dir, 'bench.db')}` });
const api = await startFakeBotApi({ perSecond: 30 });
try {
  await runMigrations(handle.db);
  const now = new Date();
  const utc = new Date(now.getTime() - 60_000);
  if (utc.getUTCDate() !== now.getUTCDate()) throw new Error('run again after 00:01 UTC: the bench puts everyone’s working day at now');
  // Everyone's day (UTC) started a minute ago, so every manager is due now.
  const workdayStart = `${utc.getUTCHours()}:${String(utc.getUTCMinutes()).padStart(2, '0')}`;
  await seed(now.getTime());

  const config = parseEnv({ DATABASE_URL: 'file:bench', WORKDAY_START: workdayStart, LOG_LEVEL: 'silent', JOBS: 'false' });
  const deps = createAppDeps({ db: handle.db, config, fonts: nodeFonts, resvgWasm: nodeResvgWasm });
  const t0 = performance.now();
  const job = await sendMorningLists(jobContext(deps), now);
  const jobMs = performance.now() - t0;
  const again = await sendMorningLists(jobContext(deps), new Date());
  console.log(`morning job: ${job.queued} lists queued for ${MANAGERS} managers in ${jobMs.toFixed(0)} ms; a second run queued ${again.queued}`);

  const bot = createBot({ ...deps, token: '1:BENCH', botInfo, apiRoot: api.apiRoot });
  const t1 = performance.now();
  let runs = 0;
  for (;;) {
    const report = await deliverOutbox(deps, bot, { limit: 100 });
    runs++;
    if (report.claimed > 0) continue;
    if ((await pending()) === 0) break;
    // Rows waiting out a 429 or a backoff: look again shortly.
    await new Promise((r) => setTimeout(r, 100));
  }
  const seconds = (performance.now() - t1) / 1000;
  const unique = api.accepted.size;
  const duplicates = api.stats.accepted - unique;
  const [failed] = await handle.db.select({ n: count() }).from(outbox).where(eq(outbox.status, 'failed'));
  console.log(
    `sender: ${api.stats.accepted} messages in ${seconds.toFixed(1)} s = ${(api.stats.accepted / seconds).toFixed(1)} msg/s` +
      ` (server-side ${(api.stats.accepted / Math.max(0.001, (api.stats.lastAt - api.stats.firstAt) / 1000)).toFixed(1)} msg/s), ${runs} sender runs`,
  );
  console.log(`429 answers: ${api.stats.tooMany}; lost: ${job.queued - unique}; duplicated: ${duplicates}; failed rows: ${failed?.n ?? 0}`);
} finally {
  await api.close();
  handle.close();
  rmSync(dir, { recursive: true, force: true });
}

async function pending(): Promise<number> {
  const [row] = await handle.db.select({ n: count() }).from(outbox).where(and(eq(outbox.status, 'pending')));
  return row?.n ?? 0;
}

async function seed(now: number) {
  const seq = (n: number) => `WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ${n})`;
  const c = handle.client;
  await c.execute(`${seq(MANAGERS)} INSERT INTO members (id, telegram_id, chat_id, name, role, time_zone, created_at, updated_at)
    SELECT printf('M%05d', i), 100000 + i, 100000 + i, 'Manager ' || i, 'manager', 'UTC', ${now}, ${now} FROM s`);
  await c.execute(`${seq(MANAGERS * 5)} INSERT INTO leads (id, number, name, channel, status, assignee_id, created_at, updated_at)
    SELECT printf('L%07d', i), i, 'Client ' || i, 'site_form', 'in_progress', printf('M%05d', (i - 1) / 5 + 1), ${now}, ${now} FROM s`);
  // Per manager: two overdue (yesterday), three later today.
  await c.execute(`${seq(MANAGERS * 5)} INSERT INTO activities (id, kind, subject, due_at, assignee_id, lead_id, created_at, updated_at)
    SELECT printf('A%07d', i), 'call', 'Call back', CASE WHEN i % 5 < 2 THEN ${now - 86_400_000} ELSE ${now} + (i % 5) * 60000 END,
      printf('M%05d', (i - 1) / 5 + 1), printf('L%07d', i), ${now}, ${now} FROM s`);
}
