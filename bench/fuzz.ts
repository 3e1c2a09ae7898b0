/** `npm run bench:fuzz`: 10,000 generated requests per intake endpoint, random seed; prints the tally per endpoint. */
import { FUZZ_TARGETS, runFuzz, type FuzzReport } from '../test/reliability/fuzz-cases.js';

const runs = Number(process.env.RUNS ?? 10_000);
// Random unless given, so every run explores new requests; printed, so a failure can be replayed.
const seed = Number(process.env.SEED ?? Math.floor(Math.random() * 2 ** 31));
const only = process.env.ENDPOINT;

console.log(`fuzz: ${runs} requests per endpoint, seed ${seed} (replay: SEED=${seed} npm run bench:fuzz)`);
const reports: FuzzReport[] = [];
for (const target of FUZZ_TARGETS.filter((t) => !only || t.name === only)) {
  const report = await runFuzz(target, { runs, seed });
  reports.push(report);
  console.log(`  ${target.name}: ${report.runs} runs in ${(report.ms / 1000).toFixed(1)} s`);
}
console.table(
  reports.map((r) => ({
    endpoint: r.endpoint,
    runs: r.runs,
    '2xx': r['2xx'],
    '4xx': r['4xx'],
    '5xx': r['5xx'],
    thrown: r.thrown,
    'valid accepted': r.accepted,
    unauthenticated: r.unauthenticated,
    'stored from unauth': r.storedFromUnauthenticated,
    violations: r.violations,
    duration: `${(r.ms / 1000).toFixed(1)} s`,
  })),
);
const failed = reports.filter((r) => r.violations > 0);
for (const r of failed) console.log(`\n${r.endpoint}: ${r.violations} violations, first ones:\n  ${r.examples.join('\n  ')}`);
process.exit(failed.length === 0 ? 0 : 1);
