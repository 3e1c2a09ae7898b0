import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { listenBotApi, type BotApiServer } from './bot-api-server.js';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ProductProcess {
  child: ChildProcess;
  url: string;
  /** Everything printed so far, stdout and stderr. */
  output(): string;
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

/**
 * The product as the README starts it (`npm start` = `tsx src/entry/node.ts`; tsx's loader in the
 * same process, which saves the second Node start of the tsx command), with only the given environment.
 */
export function startProduct(env: Record<string, string>): ProductProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/entry/node.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', JOBS: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  return {
    child,
    url: `http://127.0.0.1:${env.PORT}`,
    output: () => out,
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 8_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Polls until `check` returns a value (not undefined) or the time is up. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs: number, output?: () => string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${output ? `; output:\n${output()}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * A test's own product process, fake Bot API and data folder: started through these, each is stopped and
 * removed after the test, whatever it asserted.
 */
export function useProductRun() {
  let product: ProductProcess | undefined;
  let botApi: BotApiServer | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await product?.stop();
    await botApi?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    product = botApi = dir = undefined;
  });
  return {
    tempDir: (prefix: string) => (dir = mkdtempSync(join(tmpdir(), prefix))),
    listenBotApi: async (...args: Parameters<typeof listenBotApi>) => (botApi = await listenBotApi(...args)),
    start: (env: Record<string, string>) => (product = startProduct(env)),
  };
}

