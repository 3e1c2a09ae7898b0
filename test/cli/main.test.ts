import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDb } from '../../db/client.js';
import { runCli } from '../../src/cli/main.js';
import { acceptInvite } from '../../src/core/accept-invite.js';
import { authenticatePartner } from '../../src/core/authenticate-partner.js';
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

  it('partner add prints a key once, and that key authenticates', async () => {
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

  it('owner invite prints a /start code on a database it creates and migrates', async () => {
    expect(await runCli(['owner', 'invite'], env)).toBe(0);
    expect(printed.join('\n')).toMatch(/\/start [a-z0-9]{16}/);
  });

  it('owner invite --sql prints SQL for D1 whose code then makes the owner, without creating a local database', async () => {
    expect(await runCli(['owner', 'invite', '--sql'], env)).toBe(0);
    const out = printed.join('\n');
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

  it('an unknown command prints the usage and fails', async () => {
    expect(await runCli(['frobnicate'], env)).toBe(2);
    expect(printed.join('\n')).toMatch(/Usage: npm run crm/);
  });
});
