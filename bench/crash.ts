/** `npm run bench:crash`: several kill -9 rounds under full intake load; prints acknowledged vs found, per endpoint. */
import { runCrashRounds } from './lib/crash-rounds.js';

const rounds = Number(process.env.ROUNDS ?? 5);
const runMs = Number(process.env.RUN_MS ?? 3000);
const concurrency = Number(process.env.CONCURRENCY ?? 32);
const report = await runCrashRounds({ rounds, runMs, concurrency });
console.table(Object.entries(report.endpoints).map(([endpoint, t]) => ({ endpoint, ...t, statuses: JSON.stringify(t.statuses) })));
console.log(
  `crash: ${report.rounds} rounds, ${report.acknowledged} leads acknowledged, ${report.found} found, ${report.lost} lost, ${report.duplicated} duplicated`,
);
process.exit(report.lost === 0 && report.duplicated === 0 ? 0 : 1);
