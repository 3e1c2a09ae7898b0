import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDb } from '../../db/client.js';
import { history, leads } from '../../db/schema/index.js';
import { coldBaseCsv } from '../helpers/cold-base.js';

/** `npm run crm -- import …` as an operator runs it: a separate process on a temp database file, its output piped (no TTY). */
function crm(args: string[], env: Record<string, string>, onOutput?: (text: string, child: ReturnType<typeof spawn>) => void) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    onOutput?.(output, child);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  return new Promise<{ code: number | null; output: string }>((resolve) => child.on('close', (code) => resolve({ code, output })));
}

describe('crm import <file.csv>', () => {
  let dir: string;
  let env: Record<string, string>;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'crm-import-'));
    env = { DATABASE_URL: `file:${join(dir, 'crm.db')}` };
    expect((await crm(['migrate'], env)).code).toBe(0);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function stored<T>(read: (db: Awaited<ReturnType<typeof createDb>>['db']) => Promise<T>): Promise<T> {
    const h = await createDb({ url: env.DATABASE_URL! });
    try {
      return await read(h.db);
    } finally {
      h.close();
    }
  }

  it('imports with the bot’s rules, prints progress and the summary, and writes the rejected rows beside the file', async () => {
    const file = join(dir, 'base.csv');
    writeFileSync(
      file,
      [
        'Имя;Телефон;Компания;E-mail',
        'Анна;8 (916) 111-22-33;Ромашка;',
        'Борис;+7 916 111-22-44;;',
        'Без контакта;;Фирма;',
        'Анна снова;+79161112233;;', // the same person as row 1: joins her lead
        'Плохой;12-34;Фирма;',
        'Почта;;;not-an-email',
        'Вера;;;vera@example.com',
      ].join('\n'),
    );

    const run = await crm(['import', file], env);

    expect(run.code).toBe(0);
    expect(run.output).toContain('Imported 7 of 7 rows (100%)');
    expect(run.output).toContain('Import done: 3 new leads, 1 joined existing open leads, 3 rejected.');
    const rejectedFile = join(dir, 'base.rejected.csv');
    expect(run.output).toContain(`Rejected rows, with the reason in the last column: ${rejectedFile}`);
    expect(readFileSync(rejectedFile, 'utf8').trim().split(/\r?\n/)).toEqual([
      'Имя;Телефон;Компания;E-mail;reason',
      'Без контакта;;Фирма;;A lead needs a phone number or an email',
      'Плохой;12-34;Фирма;;"""12-34"" is not a phone number"',
      'Почта;;;not-an-email;"""not-an-email"" is not an email address"',
    ]);
    expect(statSync(rejectedFile).mode & 0o777).toBe(0o600);

    const rows = await stored((db) =>
      db.select({ name: leads.name, phone: leads.phone, email: leads.email, repeats: leads.repeatCount, channel: leads.channel, source: leads.source }).from(leads).orderBy(leads.number),
    );
    expect(rows).toEqual([
      { name: 'Анна', phone: '+79161112233', email: null, repeats: 1, channel: 'cold_call', source: 'csv:base.csv' },
      { name: 'Борис', phone: '+79161112244', email: null, repeats: 0, channel: 'cold_call', source: 'csv:base.csv' },
      { name: 'Вера', phone: null, email: 'vera@example.com', repeats: 0, channel: 'cold_call', source: 'csv:base.csv' },
    ]);

    // The same file again asks first; --again imports it, and the open leads only get a repeat request.
    const again = await crm(['import', file], env);
    expect(again.code).toBe(3);
    expect(again.output).toMatch(/base\.csv was already imported on \d{4}-\d{2}-\d{2} \(3 new leads then\)\.\nRun with --again/);
    const forced = await crm(['import', file, '--again'], env);
    expect(forced.code).toBe(0);
    expect(forced.output).toContain('Import done: 0 new leads, 4 joined existing open leads, 3 rejected.');
    expect(await stored(async (db) => (await db.select({ n: sql<number>`count(*)` }).from(leads))[0]?.n)).toBe(3);
  }, 120_000);

  it('stopped with Ctrl-C, resumes when run again and imports every row exactly once', async () => {
    const file = join(dir, 'big.csv');
    const base = coldBaseCsv(3_000);
    writeFileSync(file, base.csv);

    let interrupted = false;
    const first = await crm(['import', file], env, (output, child) => {
      if (!interrupted && output.includes('Imported ')) {
        interrupted = true;
        child.kill('SIGINT');
      }
    });
    expect(first.code).toBe(130);
    const stoppedAt = Number(/Interrupted after ([\d,]+) of 3,000 rows: run the same command again/.exec(first.output)?.[1]?.replace(/,/g, ''));
    expect(stoppedAt).toBeGreaterThan(0);
    expect(stoppedAt).toBeLessThan(3_000);

    const second = await crm(['import', file], env);
    expect(second.code).toBe(0);
    expect(second.output).toContain(`Resuming the import of big.csv at row ${(stoppedAt + 1).toLocaleString('en-US')}.`);
    expect(second.output).toContain(`Import done: ${base.created.toLocaleString('en-US')} new leads, 0 joined existing open leads, ${base.rejected} rejected.`);
    const twice = await stored((db) => db.select({ phone: leads.phone }).from(leads).groupBy(leads.phone).having(sql`count(*) > 1`));
    expect(twice).toEqual([]);
    expect(await stored(async (db) => (await db.select({ n: sql<number>`count(*)` }).from(leads))[0]?.n)).toBe(base.created);
    expect(await stored(async (db) => (await db.select({ n: sql<number>`count(*)` }).from(history).where(sql`${history.action} = 'repeat_request'`))[0]?.n)).toBe(0);
    expect(readFileSync(join(dir, 'big.rejected.csv'), 'utf8').trim().split(/\r?\n/)).toHaveLength(base.rejected + 1);
  }, 120_000);
});
