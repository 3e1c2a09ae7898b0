import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDb } from '../../db/client.js';
import { runCli } from '../../src/cli/main.js';
import { acceptInvite } from '../../src/core/team/accept-invite.js';
import { authenticatePartner } from '../../src/core/partners/authenticate-partner.js';
import { databaseOneMigrationBehind, pendingMigrationsOf } from '../helpers/behind-db.js';
import { freshDb } from '../helpers/db.js';
import { coreContext } from '../helpers/context.js';

describe('operator CLI (npm run crm -- ...)', () => {
  let dir: string;
  let env: Record<string, string>;
  let printed: string[];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'crm-cli-'));
    env = { DATABASE_URL: `file:${join(dir, 'sub', 'crm.db')}` };
    printed = [];
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void printed.push(a.join(' ')));
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void printed.push(a.join(' ')));
  });
  afterEach(() => {
    vi.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Only `migrate` applies migrations; the other commands expect a migrated database. */
  const migrated = async () => {
    expect(await runCli(['migrate'], env)).toBe(0);
    printed.length = 0;
  };

  it('partner add prints a key once, and that key authenticates', async () => {
    await migrated();
    expect(await runCli(['partner', 'add', 'Acme', 'Web'], env)).toBe(0);
    const key = printed.join('\n').match(/API key \(shown once, store it now\): (\S+)/)?.[1];
    expect(key).toMatch(/^pk_/);
    const h = await createDb({ url: env.DATABASE_URL! });
    try {
      expect(await authenticatePartner(coreContext(h.db), key!)).toMatchObject({ name: 'Acme Web' });
      expect(await authenticatePartner(coreContext(h.db), `${key}x`)).toBeNull();
    } finally {
      h.close();
    }
  });

  it('owner invite on a fresh file asks for migrate first; after `migrate` it prints a /start code', async () => {
    await expect(runCli(['owner', 'invite'], env)).rejects.toThrow(/run `npm run crm -- migrate`/);
    expect(await runCli(['migrate'], env)).toBe(0);
    expect(await runCli(['owner', 'invite'], env)).toBe(0);
    expect(printed.join('\n')).toMatch(/\/start [a-z0-9]{16}/);
  });

  it('backup and partner add on a database one migration behind leave it (and the copy) one behind', async () => {
    const file = env.DATABASE_URL!.slice('file:'.length);
    mkdirSync(dirname(file), { recursive: true });
    await databaseOneMigrationBehind(file);
    expect(await pendingMigrationsOf(file)).toBe(1);
    expect(await runCli(['partner', 'add', 'Acme'], env)).toBe(0);
    const copy = join(dir, 'backups', 'before-upgrade.db');
    expect(await runCli(['backup', copy], env)).toBe(0);
    expect(await pendingMigrationsOf(file)).toBe(1);
    expect(await pendingMigrationsOf(copy)).toBe(1);
    expect(statSync(copy).mode & 0o777).toBe(0o600);
    expect(statSync(dirname(copy)).mode & 0o777).toBe(0o700);
  });

  it('owner invite --sql prints SQL for D1 whose code then makes the owner, without creating a local database', async () => {
    expect(await runCli(['owner', 'invite', '--sql'], env)).toBe(0);
    const out = printed.join('\n');
    expect(out).toContain('npx wrangler d1 execute crm --remote --command');
    const statement = out.match(/--command "(INSERT INTO invites[^"]+)"/)?.[1];
    const code = out.match(/\/start ([a-z0-9]{16})/)?.[1];
    expect(statement && code).toBeTruthy();
    const h = await freshDb();
    try {
      await h.client.execute(statement!);
      const owner = await acceptInvite(coreContext(h.db), { code: code!, telegramId: 42, chatId: 42, name: 'Olga' });
      expect(owner).toMatchObject({ role: 'owner', active: true });
    } finally {
      h.close();
    }
  });

  it('owner invite --sql --local prints the command for a local `wrangler dev` database; --local alone is refused', async () => {
    expect(await runCli(['owner', 'invite', '--sql', '--local'], env)).toBe(0);
    const out = printed.join('\n');
    expect(out).toMatch(/npx wrangler d1 execute crm --local --command "INSERT INTO invites/);
    expect(out).not.toContain('--remote');
    expect(existsSync(env.DATABASE_URL!.replace(/^file:/, ''))).toBe(false);
    await expect(runCli(['owner', 'invite', '--local'], env)).rejects.toThrow(/--local goes with --sql/);
  });

  it('partner list shows keys by prefix; partner revoke turns one off by its prefix', async () => {
    await migrated();
    await runCli(['partner', 'add', 'Acme'], env);
    await runCli(['partner', 'add', 'Beta'], env);
    const keys = [...printed.join('\n').matchAll(/API key \(shown once, store it now\): (\S+)/g)].map((m) => m[1]!);
    printed.length = 0;
    expect(await runCli(['partner', 'list'], env)).toBe(0);
    expect(printed.filter((l) => l.includes('active'))).toHaveLength(2);
    expect(printed.join('\n')).not.toContain(keys[0]);
    expect(await runCli(['partner', 'revoke', keys[0]!.slice(0, 8)], env)).toBe(0);
    const h = await createDb({ url: env.DATABASE_URL! });
    try {
      expect(await authenticatePartner(coreContext(h.db), keys[0]!)).toBeNull();
      expect(await authenticatePartner(coreContext(h.db), keys[1]!)).toMatchObject({ name: 'Beta' });
    } finally {
      h.close();
    }
  });

  it('backup writes a consistent copy that opens with the same data', async () => {
    await migrated();
    await runCli(['partner', 'add', 'Acme'], env);
    const file = join(dir, 'backups', 'crm-copy.db');
    expect(await runCli(['backup', file], env)).toBe(0);
    const copy = await createDb({ url: `file:${file}` });
    try {
      expect((await copy.client.execute('SELECT name FROM partners')).rows.map((r) => r.name)).toEqual(['Acme']);
    } finally {
      copy.close();
    }
    await expect(runCli(['backup', file], env)).rejects.toThrow(/exists/);
  });

  it('an unknown command prints the usage and fails', async () => {
    expect(await runCli(['frobnicate'], env)).toBe(2);
    expect(printed.join('\n')).toMatch(/Usage: npm run crm/);
  });
});
