import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type DbHandle } from '../../db/client.js';
import { runMigrations } from '../../db/migrate.js';
import { history, jobRuns, outbox } from '../../db/schema/index.js';
import { newId } from '../../src/core/shared/ids.js';
import { addActivity, addLead, addMember } from '../helpers/seed.js';

/** `npm run crm -- jobs run <job> --dry-run` as an operator runs it: its own process, output piped. */
function crm(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => void (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => void (output += chunk.toString()));
  return new Promise<{ code: number | null; output: string }>((resolve) => child.on('close', (code) => resolve({ code, output })));
}

const DAY = 86_400_000;
let dir: string;
let env: Record<string, string>;

/** What a dry run must leave as it found it. */
async function snapshot() {
  const h: DbHandle = await createDb({ url: env.DATABASE_URL! });
  try {
    return {
      outbox: (await h.db.select({ id: outbox.id, status: outbox.status }).from(outbox)).map((r) => `${r.id}:${r.status}`).sort(),
      jobRuns: (await h.db.select().from(jobRuns)).length,
      history: (await h.db.select().from(history)).length,
    };
  } finally {
    h.close();
  }
}

// Each case starts its own Node process with tsx: seconds each on a busy machine.
describe('crm jobs run <job> --dry-run: who would receive what, nothing changed', { timeout: 60_000 }, () => {
  let before: Awaited<ReturnType<typeof snapshot>>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'crm-dry-run-'));
    // The working day started a minute ago in UTC, every day: members in UTC are due their morning now.
    const start = new Date(Date.now() - 60_000).toISOString().slice(11, 16);
    env = { DATABASE_URL: `file:${join(dir, 'crm.db')}`, WORKDAY_START: start, WORKDAYS: '1-7', DEFAULT_TIME_ZONE: 'UTC', REMIND_BEFORE_MINUTES: '15' };
    const h = await createDb({ url: env.DATABASE_URL! });
    try {
      await runMigrations(h.db);
      const now = Date.now();
      const olga = await addMember(h.db, { name: 'Olga Petrova', role: 'manager', timeZone: 'UTC', language: 'en' });
      await addMember(h.db, { name: 'Anna Owner', role: 'owner', timeZone: 'UTC', language: 'en' });
      // A lead left without a next step, a call two days overdue, and one due in ten minutes.
      await addLead(h.db, { name: 'Stalled', assigneeId: olga, createdAt: new Date(now - 10 * DAY) });
      const busy = await addLead(h.db, { name: 'Busy', assigneeId: olga, createdAt: new Date(now - 10 * DAY) });
      await addActivity(h.db, { leadId: busy, assigneeId: olga, subject: 'Send the price list', dueAt: new Date(now - 2 * DAY) });
      await addActivity(h.db, { leadId: busy, assigneeId: olga, subject: 'Call back', dueAt: new Date(now + 10 * 60_000) });
      await addLead(h.db, { name: 'In the pool' });
      // A message delivered 40 days ago: past the 30 days housekeeping keeps sent messages.
      const old = new Date(now - 40 * DAY);
      await h.db.insert(outbox).values({ id: newId(), kind: 'reminder', chatId: 1, payload: {}, status: 'sent', nextAttemptAt: old, createdAt: old, sentAt: old });
    } finally {
      h.close();
    }
    before = await snapshot();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const dryRun = async (job: string) => {
    const { code, output } = await crm(['jobs', 'run', job, '--dry-run'], env);
    expect(code, output).toBe(0);
    expect(await snapshot()).toEqual(before);
    return output;
  };

  it('morning-list: the manager with work today, not the owner with none', async () => {
    const out = await dryRun('morning-list');
    expect(out).toMatch(/morning-list --dry-run: 1 message\(s\) would be queued\. Nothing was changed/);
    expect(out).toMatch(/morning_list -> Olga Petrova \(manager, chat \d+\): 1 overdue, 1 due today, 1 in the pool/);
    expect(out).not.toContain('Anna Owner');
  });

  it('reminders: the call due in ten minutes, to its assignee', async () => {
    const out = await dryRun('reminders');
    expect(out).toMatch(/reminder -> Olga Petrova \(manager, chat \d+\): "Call back" due \S+ \(lead #\d+\)/);
    expect(out).not.toContain('Send the price list');
  });

  it('sweep: the manager’s digest and the owner’s summary', async () => {
    const out = await dryRun('sweep');
    expect(out).toMatch(/forgotten_digest -> Olga Petrova \(manager, chat \d+\): \d+ without a next step, 1 overdue by over a day/);
    expect(out).toMatch(/forgotten_summary -> Anna Owner \(owner, chat \d+\): 1 manager\(s\) with forgotten work, \d+ unassigned without a next step, 1 untaken in the pool/);
  });

  it('weekly-report: the owner’s report for last week', async () => {
    const out = await dryRun('weekly-report');
    expect(out).toMatch(/weekly_report -> Anna Owner \(owner, chat \d+\): the report for the week of \d{4}-\d{2}-\d{2} with its chart/);
    expect(out).not.toContain('Olga Petrova');
  });

  it('housekeeping: how many rows it would remove, and removes none', async () => {
    const out = await dryRun('housekeeping');
    expect(out).toMatch(/housekeeping --dry-run: [1-9]\d* row\(s\) past retention would be removed\. Nothing was changed/);
  });
});
