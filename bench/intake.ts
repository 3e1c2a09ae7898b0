/**
 * `npm run bench:intake`: the real HTTP server on 127.0.0.1 over a temp-file embedded libSQL
 * database (WAL), loaded by autocannon from another process so the load generator does not
 * steal the server's event loop. Runs a bare hello route, then POST /hooks/form with a unique
 * phone per request, and checks every 2xx of the form run is a lead in the database.
 *
 * Env: BENCH_SECONDS (default 10), BENCH_CONNECTIONS (default 50).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon, { type Result } from 'autocannon';
import { startBenchServer } from './intake-server.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const TOKEN = 'bench-token';

type ServerMessage = { port: number } | { leads: number; stored: number };

async function main() {
  if (process.argv.includes('--serve')) return serveChild();

  const dir = mkdtempSync(join(tmpdir(), 'crm-bench-'));
  const child = fork(fileURLToPath(import.meta.url), ['--serve'], {
    execArgv: process.execArgv,
    env: { ...process.env, DATABASE_URL: `file:${join(dir, 'crm.db')}`, FORM_TOKEN: TOKEN, LOG_LEVEL: 'silent', JOBS: 'false', FORM_RATE_LIMIT: '0' },
  });
  try {
    const { port } = (await nextMessage(child)) as { port: number };
    const base = `http://127.0.0.1:${port}`;
    console.log(`server on ${base}, ${CONNECTIONS} connections, ${SECONDS} s per route\n`);

    const hello = await autocannon({ url: `${base}/bench/hello`, connections: CONNECTIONS, duration: SECONDS });
    let n = 0;
    const acknowledged: string[] = [];
    const form = await autocannon({
      url: base,
      connections: CONNECTIONS,
      duration: SECONDS,
      requests: [
        {
          method: 'POST',
          path: `/hooks/form?token=${TOKEN}`,
          headers: { 'content-type': 'application/json' },
          // A unique valid Russian mobile per request, so each one is a new lead (no dedupe shortcut).
          setupRequest: (req, context) => {
            context.phone = `+7999${String(++n).padStart(7, '0')}`;
            return { ...req, body: JSON.stringify({ name: 'Bench', phone: context.phone }) };
          },
          // The public form answers only {"ok":true}: each acknowledged phone is looked up afterwards.
          onResponse: (status, _body, context) => {
            if (status >= 200 && status < 300) acknowledged.push(String(context.phone));
          },
        },
      ],
    });

    child.send({ count: acknowledged });
    const counted = (await nextMessage(child)) as { leads: number; stored: number };
    report(hello, form, acknowledged.length, counted);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}

async function serveChild() {
  const server = await startBenchServer(process.env);
  process.send?.({ port: server.port } satisfies ServerMessage);
  const answerCount = async (msg: { count: string[] }) => {
    const counted = { leads: await server.countLeads(), stored: await server.countStored(msg.count) };
    process.send?.(counted satisfies ServerMessage);
  };
  // A failed count must fail the bench loudly, not vanish as an unhandled rejection.
  process.on('message', (msg: { count: string[] }) => {
    answerCount(msg).catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
  });
  process.on('SIGTERM', () => {
    server.close();
    process.exit(0);
  });
}

function nextMessage(child: ChildProcess): Promise<ServerMessage> {
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve(m as ServerMessage));
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
}

function report(hello: Result, form: Result, acknowledged: number, db: { leads: number; stored: number }) {
  const row = (name: string, r: Result) =>
    `${name.padEnd(18)} ${r.requests.average.toFixed(0).padStart(9)} ${String(r.latency.p99).padStart(9)} ${String(r['2xx']).padStart(9)} ${String(r.non2xx + r.errors + r.timeouts).padStart(8)}`;
  console.log(`${'route'.padEnd(18)} ${'req/s'.padStart(9)} ${'p99 ms'.padStart(9)} ${'2xx'.padStart(9)} ${'other'.padStart(8)}`);
  console.log(row('GET /bench/hello', hello));
  console.log(row('POST /hooks/form', form));
  const ratio = form.requests.average / hello.requests.average;
  console.log(`\nform / hello throughput: ${(ratio * 100).toFixed(0)}% (goal: 50% or better)`);
  // Requests in flight when the run stops may be stored without their answer being counted, so
  // the database may hold a few more leads than 2xx answers; never fewer, and every acknowledged phone must be there.
  const durable = db.stored === acknowledged && db.leads >= form['2xx'];
  console.log(`leads in database: ${db.leads}; 2xx answers: ${form['2xx']}; acknowledged phones found: ${db.stored}/${acknowledged}`);
  console.log(durable ? 'every 2xx answer is a stored lead' : 'MISMATCH: an acknowledged lead is missing');
  if (!durable) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
