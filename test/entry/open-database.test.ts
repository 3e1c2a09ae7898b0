import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseEnv } from '../../src/config.js';
import { openDatabase } from '../../src/entry/open-database.js';

const run = promisify(execFile);
const FIXTURE = join(import.meta.dirname, 'fixtures', 'open-and-migrate.ts');
const mode = (file: string) => statSync(file).mode & 0o777;

describe('the database on disk', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'crm-disk-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('four processes starting together on one fresh file all come up, round after round', async () => {
    for (let round = 0; round < 3; round++) {
      const file = join(dir, `round-${round}`, 'crm.db');
      const starts = Array.from({ length: 4 }, () => run(process.execPath, ['--import', 'tsx', FIXTURE, file], { timeout: 60_000 }));
      const results = await Promise.allSettled(starts);
      const failures = results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason));
      expect(failures).toEqual([]);
      for (const r of results) expect((r as PromiseFulfilledResult<{ stdout: string }>).value.stdout.trim()).toBe('ok 0');
    }
  }, 180_000);

  it('makes the data folder 0700 and the database files 0600', async () => {
    const file = join(dir, 'data', 'crm.db');
    const database = await openDatabase(parseEnv({ DATABASE_URL: `file:${file}` }));
    try {
      await database.client.execute("INSERT INTO bot_sessions (key, value, updated_at) VALUES ('k', 'v', 0)");
      expect(mode(join(dir, 'data'))).toBe(0o700);
      expect(mode(file)).toBe(0o600);
      expect(mode(`${file}-wal`)).toBe(0o600);
      expect(mode(`${file}-shm`)).toBe(0o600);
    } finally {
      database.close();
    }
  });
});
