import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDb } from '../../db/client.js';
import { runCli } from '../../src/cli/main.js';
import { addLead, addMember } from '../helpers/seed.js';

describe('operator commands (crm help, jobs run, report, partner list/revoke)', () => {
  let dir: string;
  let env: Record<string, string>;
  let printed: string[];
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'crm-ops-'));
    // The morning starts a minute ago in UTC, every day: members in UTC are due their list now.
    const start = new Date(Date.now() - 60_000).toISOString().slice(11, 16);
    env = { DATABASE_URL: `file:${join(dir, 'crm.db')}`, WORKDAY_START: start, WORKDAYS: '1-7', DEFAULT_TIME_ZONE: 'UTC', DEFAULT_LANGUAGE: 'en' };
    printed = [];
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void printed.push(a.join(' ')));
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void printed.push(a.join(' ')));
    expect(await runCli(['migrate'], env)).toBe(0);
    printed.length = 0;
  });
  afterEach(() => {
    vi.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  const seed = async (fill: (db: Awaited<ReturnType<typeof createDb>>['db']) => Promise<unknown>) => {
    const h = await createDb({ url: env.DATABASE_URL! });
    try {
      await fill(h.db);
    } finally {
      h.close();
    }
  };

  it('crm help prints every command and exits 0; an unknown command exits 2', async () => {
    expect(await runCli(['help'], env)).toBe(0);
    const usage = printed.join('\n');
    for (const cmd of ['telegram status', 'jobs run', 'report week|month', 'partner list']) expect(usage).toContain(cmd);
    expect(await runCli(['frobnicate'], env)).toBe(2);
  });

  it('jobs run morning-list --dry-run lists who would receive it; the real run records it, so a rerun lists nobody', async () => {
    await seed(async (db) => {
      await addMember(db, { name: 'Olga Petrova', role: 'manager', timeZone: 'UTC' });
      await addMember(db, { name: 'Far Away', role: 'manager', timeZone: 'Pacific/Kiritimati' });
      await addLead(db, { name: 'Pool lead' });
    });
    expect(await runCli(['jobs', 'run', 'morning-list', '--dry-run'], env)).toBe(0);
    const dry = printed.join('\n');
    expect(dry).toMatch(/morning-list --dry-run: 1 message\(s\) would be queued/);
    expect(dry).toMatch(/morning_list -> Olga Petrova \(manager, chat \d+\): 0 overdue, 0 due today, 1 in the pool/);
    expect(dry).not.toContain('Far Away');

    printed.length = 0;
    expect(await runCli(['jobs', 'run', 'morning-list'], env)).toBe(0);
    expect(printed.join('\n')).toMatch(/morning-list: 1 message\(s\) queued, 0 skipped/);
    printed.length = 0;
    expect(await runCli(['jobs', 'run', 'morning-list', '--dry-run'], env)).toBe(0);
    expect(printed.join('\n')).toMatch(/morning-list --dry-run: nothing would be queued now/);
    await expect(runCli(['jobs', 'run', 'teatime'], env)).rejects.toThrow(/morning-list\|reminders\|sweep\|weekly-report\|housekeeping/);
  });

  it('report week --png writes the chart as a PNG and prints the figures', async () => {
    await seed(async (db) => {
      await addLead(db, { name: 'This week', createdAt: new Date(Date.now() - 2 * 86_400_000) });
    });
    const png = join(dir, 'week.png');
    expect(await runCli(['report', 'week', '--png', png], env)).toBe(0);
    expect(printed.join('\n')).toContain(`Chart written to ${png}`);
    const bytes = readFileSync(png);
    expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(bytes.length).toBeGreaterThan(5_000);
    await expect(runCli(['report', 'year'], env)).rejects.toThrow(/week\|month/);
  });

  it('partner list has a header row; revoking a revoked key says it already was', async () => {
    await runCli(['partner', 'add', 'Acme'], env);
    const key = printed.join('\n').match(/API key \(shown once, store it now\): (\S+)/)?.[1];
    printed.length = 0;
    expect(await runCli(['partner', 'list'], env)).toBe(0);
    expect(printed[0]).toMatch(/^ID\s+KEY\s+STATUS\s+CREATED\s+NAME$/);
    expect(printed[1]).toContain('Acme');
    expect(await runCli(['partner', 'revoke', key!.slice(0, 8)], env)).toBe(0);
    expect(printed.at(-1)).toMatch(/revoked: it now gets 401/);
    expect(await runCli(['partner', 'revoke', key!.slice(0, 8)], env)).toBe(0);
    expect(printed.at(-1)).toMatch(/was already revoked: nothing changed/);
  });
});
