import { describe, expect, it } from 'vitest';
import { runCrashRounds } from '../../bench/lib/crash-rounds.js';

/**
 * The fast cut of `npm run bench:crash`: two kill -9 rounds against the real server process
 * (node --import tsx src/entry/node.ts) on one database file. Every 2xx must be a lead, exactly
 * once, on both intake paths; partner requests cut off by a kill are retried with their key.
 */
describe('crash: kill -9 under intake load', () => {
  it('keeps every acknowledged form and partner lead exactly once', { timeout: 90_000 }, async () => {
    const report = await runCrashRounds({ rounds: 2, runMs: 1500, concurrency: 16 });
    const { form, partner } = report.endpoints;
    console.log(
      `crash: ${report.rounds} rounds, ${report.acknowledged} acknowledged (form ${form.acknowledged}, partner ${partner.acknowledged}),` +
        ` ${report.found} found, ${report.lost} lost, ${report.duplicated} duplicated; partner retries after kills ${partner.retried};` +
        ` statuses form ${JSON.stringify(form.statuses)} partner ${JSON.stringify(partner.statuses)}`,
    );
    expect(form.acknowledged).toBeGreaterThan(0);
    expect(partner.acknowledged).toBeGreaterThan(0);
    expect(report.lost).toBe(0);
    expect(report.duplicated).toBe(0);
    // Nothing but success or a cut connection: a 4xx/5xx here would mean a path is broken, not crashed.
    for (const t of [form, partner]) expect(Object.keys(t.statuses).filter((s) => s !== 'reset' && !/^2\d\d$/.test(s))).toEqual([]);
  });
});
