import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { copyFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { createClient } from '@libsql/client';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * What an operator does on a server: `npm run build`, copy dist/ with package.json and the lock
 * file to a clean folder, `npm ci --omit=dev`, `node dist/server.js`. The install comes from the
 * npm cache when it has the packages (the registry otherwise), so it works offline once warmed.
 */
describe('production build', () => {
  let dir = '';
  let server: ChildProcess | undefined;

  afterAll(async () => {
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await once(server, 'exit');
    }
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('builds, installs with production dependencies only, starts with node dist/server.js and stores a form lead', async () => {
    dir = await mkdtemp(join(tmpdir(), 'crm-prod-'));
    await run(process.execPath, ['scripts/build.mjs', join(dir, 'dist')], { cwd: ROOT });
    await copyFile(join(ROOT, 'package.json'), join(dir, 'package.json'));
    await copyFile(join(ROOT, 'package-lock.json'), join(dir, 'package-lock.json'));
    await run('npm', ['ci', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: dir, maxBuffer: 16 * 1024 * 1024 });

    const installed = await readdir(join(dir, 'node_modules'));
    expect(installed).toEqual(expect.arrayContaining(['grammy', 'hono', '@libsql']));
    expect(installed).not.toEqual(expect.arrayContaining(['tsx']));
    expect(installed).not.toEqual(expect.arrayContaining(['vitest']));

    const dbFile = join(dir, 'data', 'crm.db');
    const port = await freePort();
    server = spawn(process.execPath, ['dist/server.js'], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: `file:${dbFile}`, PORT: String(port), FORM_TOKEN: 'prod-token', JOBS: 'false' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await listening(server);

    const res = await fetch(`http://127.0.0.1:${port}/hooks/form?token=prod-token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Анна Build', phone: '8 (912) 345-67-89' }),
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ ok: true });
    expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);

    const client = createClient({ url: `file:${dbFile}` });
    const stored = await client.execute('SELECT name, phone FROM leads');
    client.close();
    expect(stored.rows.map((r) => ({ name: r.name, phone: r.phone }))).toEqual([{ name: 'Анна Build', phone: '+79123456789' }]);
  }, 600_000);
});

async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as { port: number };
  probe.close();
  await once(probe, 'close');
  return port;
}

/** Resolves on the server's "CRM listening on http://localhost:PORT" line. */
async function listening(child: ChildProcess): Promise<void> {
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no listening line within 120 s:\n${output}`)), 120_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on http:\/\/localhost:(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
}
