import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { createDb } from '../../db/client.js';
import { runMigrations } from '../../db/migrate.js';
import { systemActor } from '../../src/core/context.js';
import { createPartner } from '../../src/core/create-partner.js';
import { startServer } from './server-process.js';

export interface CrashReport {
  rounds: number;
  sent: number;
  acknowledged: number;
  found: number;
  lost: number;
  duplicated: number;
}

/**
 * Drives form and partner intake at full speed against a real server process, kills it with
 * SIGKILL mid-run, restarts it on the same database file, and repeats. Every request carries a
 * unique email, so afterwards each acknowledged (2xx) request must match exactly one lead.
 */
export async function runCrashRounds(opts: { rounds: number; runMs: number; concurrency: number }): Promise<CrashReport> {
  const dir = mkdtempSync(join(tmpdir(), 'crm-crash-'));
  const dbUrl = `file:${join(dir, 'crm.db')}`;
  const env = { DATABASE_URL: dbUrl, FORM_TOKEN: 'crash-form-token' };
  const partnerKey = await preparePartner(dbUrl);
  const acknowledged = new Set<string>();
  let sent = 0;
  try {
    for (let round = 0; round < opts.rounds; round++) {
      const server = await startServer(env);
      let stopping = false;
      let seq = 0;
      const worker = async () => {
        while (!stopping) {
          const id = `${round}-${seq++}`;
          const email = `crash-${id}@example.com`;
          sent++;
          try {
            const res = seq % 2 === 0 ? await postForm(server.url, email) : await postPartner(server.url, partnerKey, email, id);
            if (res.status === 200 || res.status === 201) acknowledged.add(email);
          } catch {
            // connection reset by the kill: not acknowledged, so the sender would retry
          }
        }
      };
      const workers = Array.from({ length: opts.concurrency }, worker);
      await new Promise((r) => setTimeout(r, opts.runMs * (0.5 + Math.random() / 2)));
      await server.kill9();
      stopping = true;
      await Promise.all(workers);
    }
    const counts = await countLeadsByEmail(dbUrl);
    let found = 0;
    let duplicated = 0;
    for (const email of acknowledged) {
      const n = counts.get(email) ?? 0;
      if (n >= 1) found++;
      if (n > 1) duplicated++;
    }
    return { rounds: opts.rounds, sent, acknowledged: acknowledged.size, found, lost: acknowledged.size - found, duplicated };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function postForm(url: string, email: string) {
  return fetch(`${url}/hooks/form?token=crash-form-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ name: 'Crash Test', email }).toString(),
  });
}

function postPartner(url: string, key: string, email: string, id: string) {
  return fetch(`${url}/api/v1/leads`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, 'idempotency-key': `crash-${id}` },
    body: JSON.stringify({ name: 'Crash Partner', email }),
  });
}

async function preparePartner(url: string): Promise<string> {
  const handle = await createDb({ url });
  try {
    await runMigrations(handle.db);
    const ctx = {
      db: handle.db,
      actor: systemActor,
      now: () => new Date(),
      settings: { defaultCountry: 'RU', defaultTimeZone: 'Europe/Moscow', firstContactMinutes: 15, proposalFollowUpDays: 2 },
    };
    return (await createPartner(ctx, 'Crash partner')).key;
  } finally {
    handle.close();
  }
}

async function countLeadsByEmail(url: string): Promise<Map<string, number>> {
  const handle = await createDb({ url });
  try {
    const rows = await handle.db.all<{ email: string; n: number }>(
      sql`SELECT email, COUNT(*) AS n FROM leads WHERE email LIKE 'crash-%' GROUP BY email`,
    );
    return new Map(rows.map((r) => [r.email, Number(r.n)]));
  } finally {
    handle.close();
  }
}
