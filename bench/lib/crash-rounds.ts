import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { createDb } from '../../db/client.js';
import { runMigrations } from '../../db/migrate.js';
import { systemActor } from '../../src/core/shared/context.js';
import { createPartner } from '../../src/core/partners/create-partner.js';
import { emptyTally, FORM_TOKEN, isAcknowledged, sendCrashRequest, type CrashEndpoint, type CrashRequest, type EndpointTally } from './crash-requests.js';
import { startServer } from './server-process.js';

export interface CrashReport {
  rounds: number;
  sent: number;
  acknowledged: number;
  found: number;
  lost: number;
  duplicated: number;
  endpoints: Record<CrashEndpoint, EndpointTally>;
}

/**
 * Drives form and partner intake at full speed against a real server process, kills it with
 * SIGKILL mid-run, restarts it on the same database file, and repeats. Every request carries a
 * unique email, so afterwards each acknowledged (2xx) request must match exactly one lead.
 * Partner requests the kill left unanswered are sent again with the same Idempotency-Key to the
 * next server, as a well-behaved partner would: a crash between the lead and the stored reply
 * must not turn that retry into a second lead. A last, unkilled server takes the final retries.
 */
export async function runCrashRounds(opts: { rounds: number; runMs: number; concurrency: number }): Promise<CrashReport> {
  const dir = mkdtempSync(join(tmpdir(), 'crm-crash-'));
  const dbUrl = `file:${join(dir, 'crm.db')}`;
  // One address floods the form on purpose: the per-address limit would answer 429 instead of storing.
  const env = { DATABASE_URL: dbUrl, FORM_TOKEN, FORM_RATE_LIMIT: '0' };
  const partnerKey = await preparePartner(dbUrl);
  const acknowledged = new Map<string, CrashEndpoint>();
  const endpointOf = new Map<string, CrashEndpoint>();
  const tally = { form: emptyTally(), partner: emptyTally() };
  let retryQueue: CrashRequest[] = [];
  try {
    for (let round = 0; round <= opts.rounds; round++) {
      const settling = round === opts.rounds;
      const server = await startServer(env);
      const retries = retryQueue;
      retryQueue = [];
      let stopping = false;
      let seq = 0;
      const next = (): CrashRequest | undefined => {
        const retry = retries.pop();
        if (retry) {
          tally.partner.retried++;
          return retry;
        }
        if (settling) return undefined;
        const id = `${round}-${seq++}`;
        const email = `crash-${id}@example.com`;
        return seq % 2 === 0 ? { endpoint: 'form', email } : { endpoint: 'partner', email, key: `crash-${id}` };
      };
      const worker = async () => {
        for (let req = next(); req && !stopping; req = next()) {
          const t = tally[req.endpoint];
          t.sent++;
          endpointOf.set(req.email, req.endpoint);
          let status = 'reset';
          try {
            const res = await sendCrashRequest(server.url, partnerKey, req);
            await res.arrayBuffer();
            status = String(res.status);
            if (isAcknowledged(res.status)) acknowledged.set(req.email, req.endpoint);
          } catch {
            // Connection reset by the kill: not acknowledged, so the sender would retry.
          }
          t.statuses[status] = (t.statuses[status] ?? 0) + 1;
          if (req.endpoint === 'partner' && !acknowledged.has(req.email)) retryQueue.push(req);
        }
      };
      const workers = Array.from({ length: opts.concurrency }, worker);
      if (settling) {
        await Promise.all(workers);
        await server.stop();
        break;
      }
      await new Promise((r) => setTimeout(r, opts.runMs * (0.5 + Math.random() / 2)));
      await server.kill9();
      stopping = true;
      await Promise.all(workers);
    }
    return await tallyLeads(dbUrl, opts.rounds, acknowledged, endpointOf, tally);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function tallyLeads(
  dbUrl: string,
  rounds: number,
  acknowledged: Map<string, CrashEndpoint>,
  endpointOf: Map<string, CrashEndpoint>,
  endpoints: Record<CrashEndpoint, EndpointTally>,
): Promise<CrashReport> {
  const counts = await countLeadsByEmail(dbUrl);
  for (const [email, endpoint] of acknowledged) {
    const t = endpoints[endpoint];
    const n = counts.get(email) ?? 0;
    t.acknowledged++;
    if (n >= 1) t.found++;
    else t.lost++;
  }
  // Any email with two leads is a duplicate, acknowledged or not: each stands for one request.
  for (const [email, n] of counts) if (n > 1) endpoints[endpointOf.get(email) ?? 'form'].duplicated++;
  const sum = (k: 'sent' | 'acknowledged' | 'found' | 'lost' | 'duplicated') => endpoints.form[k] + endpoints.partner[k];
  return {
    rounds,
    sent: sum('sent'),
    acknowledged: sum('acknowledged'),
    found: sum('found'),
    lost: sum('lost'),
    duplicated: sum('duplicated'),
    endpoints,
  };
}

async function preparePartner(url: string): Promise<string> {
  const handle = await createDb({ url });
  try {
    await runMigrations(handle.db);
    const ctx = {
      db: handle.db,
      actor: systemActor,
      now: () => new Date(),
      settings: { defaultCountry: 'RU', defaultTimeZone: 'Europe/Moscow', firstContactMinutes: 15, proposalFollowUpDays: 2, defaultLanguage: 'ru' as const },
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
