import fc from 'fast-check';
import { systemActor } from '../../src/core/shared/context.js';
import { createPartner } from '../../src/core/partners/create-partner.js';
import { webhookApp, type WebhookApp } from '../helpers/webhook-app.js';
import { formRequests, mangoRequests, tildaRequests, zadarmaRequests } from './fuzz-hook-targets.js';
import { bitrixRequests, partnerRequests } from './fuzz-partner-targets.js';
import type { FuzzRequest } from './fuzz-request.js';
import { toInit } from './intake-requests.js';

/**
 * The fuzz properties, one per intake endpoint, shared by `npm test` (few runs, fixed seed)
 * and `npm run bench:fuzz` (10,000 runs, random seed). For every generated request:
 * no exception out of app.request, never a 5xx, every 4xx a JSON body with a readable message,
 * nothing stored from a request without the right secret, and well-formed authenticated ones accepted.
 */
export interface FuzzTarget {
  name: string;
  requests(partnerKey: string): fc.Arbitrary<FuzzRequest>;
}

export const FUZZ_TARGETS: FuzzTarget[] = [
  { name: 'form', requests: formRequests },
  { name: 'tilda', requests: tildaRequests },
  { name: 'zadarma', requests: zadarmaRequests },
  { name: 'mango', requests: mangoRequests },
  { name: 'partner', requests: partnerRequests },
  { name: 'bitrix', requests: bitrixRequests },
];

export interface FuzzReport {
  endpoint: string;
  runs: number;
  '2xx': number;
  '4xx': number;
  '5xx': number;
  thrown: number;
  accepted: string;
  unauthenticated: number;
  storedFromUnauthenticated: number;
  violations: number;
  ms: number;
  /** The first few violations, each with the request that caused it, for the failure message. */
  examples: string[];
}

export async function runFuzz(target: FuzzTarget, opts: { runs: number; seed: number }): Promise<FuzzReport> {
  const t = await webhookApp();
  const key = (await createPartner(t.deps.core(systemActor), 'Fuzz partner')).key;
  const report: FuzzReport = {
    endpoint: target.name, runs: 0, '2xx': 0, '4xx': 0, '5xx': 0, thrown: 0, accepted: '', unauthenticated: 0,
    storedFromUnauthenticated: 0, violations: 0, ms: 0, examples: [],
  };
  let mustAccept = 0;
  let acceptedOk = 0;
  const started = performance.now();
  // Silenced: an unexpected error is counted as a 5xx here, and the product's console.error would flood the output.
  const consoleError = console.error;
  console.error = () => {};
  try {
    await fc.check(
      fc.asyncProperty(target.requests(key), async (req) => {
        report.runs++;
        const problems = await probe(t, req, report);
        if (req.mustAccept) {
          mustAccept++;
          if (!problems.includes('not accepted')) acceptedOk++;
        }
        if (problems.length > 0) {
          report.violations++;
          if (report.examples.length < 5) report.examples.push(`${problems.join('; ')} <- ${describe(req)}`);
        }
        return true; // count every run rather than stop and shrink: the bench wants the whole tally
      }),
      { numRuns: opts.runs, seed: opts.seed },
    );
  } finally {
    console.error = consoleError;
    report.ms = Math.round(performance.now() - started);
    report.accepted = `${acceptedOk}/${mustAccept}`;
    t.close();
  }
  return report;
}

/** Sends one request and returns what it broke (an empty list when every property holds). */
async function probe(t: WebhookApp, req: FuzzRequest, report: FuzzReport): Promise<string[]> {
  const problems: string[] = [];
  const unauthenticated = req.auth !== 'valid';
  const before = unauthenticated ? await counts(t) : null;
  let res: Response;
  try {
    res = await t.request(req.path, toInit(req));
  } catch (e) {
    report.thrown++;
    return [`threw ${(e as Error)?.message ?? e}`];
  }
  const text = await res.text();
  if (res.status >= 500) {
    report['5xx']++;
    problems.push(`${res.status} ${text.slice(0, 200)}`);
  } else if (res.status >= 400) {
    report['4xx']++;
    const message = errorMessage(text, req.path);
    if (!message) problems.push(`${res.status} without a readable message: ${text.slice(0, 200)}`);
  } else if (res.status >= 200 && res.status < 300) {
    report['2xx']++;
  }
  if (req.mustAccept && (res.status < 200 || res.status >= 300)) problems.push(`not accepted: ${res.status} ${text.slice(0, 200)}`);
  if (before) {
    report.unauthenticated++;
    const after = await counts(t);
    if (after.leads !== before.leads || after.logs !== before.logs) {
      report.storedFromUnauthenticated++;
      problems.push(`stored from an unauthenticated request (${res.status}): leads ${before.leads}->${after.leads}, log ${before.logs}->${after.logs}`);
    }
  }
  return problems;
}

async function counts(t: WebhookApp) {
  return { leads: await t.leadCount(), logs: await t.logCount() };
}

/** `error.message`, or Bitrix's `error_description` on the Bitrix route; null when absent or not a sentence. */
function errorMessage(text: string, path: string): string | null {
  let body: { error?: { message?: unknown } | unknown; error_description?: unknown };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    return null;
  }
  const nested = body.error && typeof body.error === 'object' ? (body.error as { message?: unknown }).message : undefined;
  const message = path.startsWith('/api/v1/bitrix/') && body.error_description !== undefined ? body.error_description : nested;
  return typeof message === 'string' && message.trim().length >= 10 && /\s/.test(message.trim()) ? message : null;
}

function describe(req: FuzzRequest): string {
  const body = req.body === undefined ? '' : typeof req.body === 'string' ? req.body : `bytes(${req.body.length}) ${new TextDecoder().decode(req.body.slice(0, 120))}`;
  return `${req.auth} ${req.method} ${req.path.slice(0, 200)} ${JSON.stringify(req.headers).slice(0, 300)} ${body.slice(0, 300)}${body.length > 300 ? `... (${body.length} chars)` : ''}`;
}
