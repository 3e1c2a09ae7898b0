/**
 * `npm run bench:outage`: a longer Telegram outage than the test's (default 65 virtual minutes:
 * 20 refused, 15 of 500s, 10 of 429 with retry_after 60, 20 refused), more managers, more leads
 * and two sender instances; prints the figures and the real time the run took.
 * Env: MANAGERS (20), LEADS_PER_MINUTE (4), SENDERS (2), OUTAGE_SCALE (1: multiplies the phases).
 */
import { outageLine } from './lib/outage-print.js';
import { runOutage } from './lib/outage-scenario.js';

const scale = Number(process.env.OUTAGE_SCALE ?? 1);
const t0 = performance.now();
const report = await runOutage({
  managers: Number(process.env.MANAGERS ?? 20),
  senders: Number(process.env.SENDERS ?? 2),
  leadsPerMinute: Number(process.env.LEADS_PER_MINUTE ?? 4),
  beforeMinutes: 3,
  afterMinutes: 15,
  phases: [
    { mode: 'down', minutes: 20 * scale },
    { mode: '500', minutes: 15 * scale },
    { mode: '429', minutes: 10 * scale, retryAfterSeconds: 60 },
    { mode: 'down', minutes: 20 * scale },
  ],
});
console.log(outageLine(report));
console.log(`real time: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
const ok = report.lost === 0 && report.duplicates === 0 && report.duplicateTexts === 0 && report.outOfOrder === 0;
process.exit(ok ? 0 : 1);
