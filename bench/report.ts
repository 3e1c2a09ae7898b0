/**
 * `npm run bench:report`: seeds 1M leads, 300k deals and 3M activities into a temporary
 * libSQL file, then times the weekly report's queries (and the forgotten-lead sweep, which
 * scans the same tables). Seeding is INSERT ... SELECT over recursive CTEs: one statement per table.
 * Env: LEADS (default 1000000), RUNS (default 5), DB_FILE (keep and reuse a seeded file instead of a temp one).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb } from '../db/client.js';
import { runMigrations } from '../db/migrate.js';
import { buildConversionReport } from '../src/core/reports/build-conversion-report.js';
import { systemActor } from '../src/core/shared/context.js';
import { findForgotten } from '../src/core/activities/find-forgotten.js';
import { previousWeek, recentPeriod } from '../src/core/reports/report-period.js';

const LEADS = Number(process.env.LEADS ?? 1_000_000);
const RUNS = Number(process.env.RUNS ?? 5);
const DAY = 86_400_000;
const NOW = Date.parse('2026-11-25T09:00:00Z');
const SPAN = 365 * DAY;

const dir = process.env.DB_FILE ? null : mkdtempSync(join(tmpdir(), 'crm-bench-report-'));
const handle = await createDb({ url: `file:${process.env.DB_FILE ?? join(dir!, 'bench.db')}` });
const { client, db } = handle;
try {
  await runMigrations(db);
  const t0 = performance.now();
  if ((await count('leads')) === 0) await seed();
  console.log(`${performance.now() - t0 < 1000 ? "reused" : "seeded"} ${await count('leads')} leads, ${await count('deals')} deals, ${await count('activities')} activities in ${secs(performance.now() - t0)}`);
  await client.execute('ANALYZE');

  const ctx = { db, actor: systemActor, now: () => new Date(NOW), settings: { defaultCountry: 'RU', defaultTimeZone: 'Europe/Moscow', firstContactMinutes: 15, proposalFollowUpDays: 2, defaultLanguage: 'ru' as const } };
  const week = previousWeek(new Date(NOW), 'Europe/Moscow');
  const month = recentPeriod('month', new Date(NOW), 'Europe/Moscow');
  for (const [name, period] of [['week', week], ['month (30 days)', month]] as const) {
    const times: number[] = [];
    let report;
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      report = await buildConversionReport(ctx, period);
      times.push(performance.now() - t);
    }
    console.log(
      `weekly report, ${name}: first ${ms(times[0]!)}, median of ${RUNS} ${ms(median(times))}` +
        ` (${report!.leads.total} new leads, ${report!.deals.won.count} won, ${report!.deals.lost.count} lost, overdue ${report!.overdueTotal})`,
    );
  }
  const t = performance.now();
  const forgotten = await findForgotten(ctx);
  console.log(`forgotten sweep: ${ms(performance.now() - t)} (${forgotten.noNextActivity.length} stalled, ${forgotten.longOverdue.length} overdue, ${forgotten.untakenPool.length} pool; lists capped at 2000)`);
} finally {
  handle.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
}

async function seed() {
  const channels = `CASE i % 7 WHEN 0 THEN 'site_form' WHEN 1 THEN 'site_form' WHEN 2 THEN 'call' WHEN 3 THEN 'missed_call' WHEN 4 THEN 'partner' WHEN 5 THEN 'cold_call' ELSE 'manual' END`;
  const seq = (n: number) => `WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ${n})`;
  await client.execute(`${seq(50)} INSERT INTO members (id, telegram_id, chat_id, name, role, created_at, updated_at)
    SELECT printf('M%03d', i), i, i, 'Manager ' || i, CASE WHEN i = 1 THEN 'owner' ELSE 'manager' END, ${NOW - SPAN}, ${NOW - SPAN} FROM s`);
  // Leads spread evenly over a year; 30% converted, 10% junk, 2% still in the pool.
  await client.execute(`${seq(LEADS)} INSERT INTO leads (id, number, name, channel, status, junk_reason, assignee_id, first_touched_at, closed_at, created_at, updated_at)
    SELECT printf('L%08d', i), i, 'Lead ' || i, ${channels},
      CASE WHEN i % 10 < 3 THEN 'converted' WHEN i % 10 = 3 THEN 'junk' WHEN i % 50 = 4 THEN 'new' ELSE 'in_progress' END,
      CASE WHEN i % 10 = 3 THEN CASE i % 4 WHEN 0 THEN 'spam' WHEN 1 THEN 'duplicate' WHEN 2 THEN 'no_budget' ELSE 'other' END END,
      CASE WHEN i % 50 = 4 THEN NULL ELSE printf('M%03d', 1 + i % 50) END,
      CASE WHEN i % 5 = 0 THEN NULL ELSE ${NOW - SPAN} + i * ${SPAN / LEADS} + (i % 240) * 60000 END,
      CASE WHEN i % 10 <= 3 THEN ${NOW - SPAN} + i * ${SPAN / LEADS} + (i % 9) * ${DAY} END,
      ${NOW - SPAN} + i * ${SPAN / LEADS}, ${NOW - SPAN} + i * ${SPAN / LEADS}
    FROM s`);
  // One deal per converted lead: 300k. Closed ones (won 40%, lost 30%) close 1-20 days later.
  await client.execute(`INSERT INTO deals (id, number, title, stage, amount, lost_reason, lead_id, assignee_id, channel, closed_at, created_at, updated_at)
    SELECT 'D' || substr(id, 2), number, 'Deal ' || number,
      CASE (number / 10) % 10 WHEN 0 THEN 'won' WHEN 1 THEN 'won' WHEN 2 THEN 'won' WHEN 3 THEN 'won' WHEN 4 THEN 'lost' WHEN 5 THEN 'lost' WHEN 6 THEN 'lost' ELSE 'proposal' END,
      (number % 97) * 150000,
      CASE WHEN (number / 10) % 10 IN (4, 5, 6) THEN CASE number % 3 WHEN 0 THEN 'price' WHEN 1 THEN 'competitor' ELSE 'postponed' END END,
      id, assignee_id, channel,
      CASE WHEN (number / 10) % 10 < 7 THEN created_at + (1 + number % 20) * ${DAY} END,
      created_at, created_at
    FROM leads WHERE status = 'converted'`);
  // Three activities per lead; the last of each open lead stays open, a few of them long overdue.
  await client.execute(`${seq(LEADS * 3)} INSERT INTO activities (id, kind, subject, due_at, done_at, assignee_id, lead_id, created_at, updated_at)
    SELECT printf('A%08d', i), CASE i % 3 WHEN 0 THEN 'call' WHEN 1 THEN 'meeting' ELSE 'task' END, 'Follow up',
      l.created_at + (i % 3 + 1) * ${DAY},
      CASE WHEN i % 3 = 2 AND l.status NOT IN ('converted', 'junk') THEN NULL ELSE l.created_at + (i % 3 + 1) * ${DAY} END,
      l.assignee_id, l.id, l.created_at, l.created_at
    FROM s JOIN leads l ON l.number = (i - 1) / 3 + 1`);
}

async function count(table: string): Promise<number> {
  const r = await client.execute(`SELECT count(*) AS n FROM ${table}`);
  return Number(r.rows[0]?.n);
}
function median(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}
function ms(x: number) {
  return `${x.toFixed(1)} ms`;
}
function secs(x: number) {
  return `${(x / 1000).toFixed(1)} s`;
}
