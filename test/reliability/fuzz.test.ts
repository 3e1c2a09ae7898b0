import { afterAll, describe, expect, it } from 'vitest';
import { FUZZ_TARGETS, runFuzz, type FuzzReport } from './fuzz-cases.js';

/**
 * A modest, reproducible slice of the fuzz in `npm test`; `npm run bench:fuzz` runs 10,000
 * per endpoint with a random seed. To replay a bench failure here: FUZZ_SEED=<seed> FUZZ_RUNS=<n>.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261127);
const RUNS = Number(process.env.FUZZ_RUNS ?? 500);
const reports: FuzzReport[] = [];

describe(`fuzz: every intake endpoint, ${RUNS} generated requests each (seed ${SEED})`, () => {
  afterAll(() => {
    console.log(`\nFuzz (seed ${SEED}):`);
    console.table(reports.map(({ examples: _examples, ...row }) => row));
  });

  for (const target of FUZZ_TARGETS) {
    it(`${target.name}: no 5xx, no throw, readable 4xx, nothing stored unauthenticated, valid ones accepted`, async () => {
      const report = await runFuzz(target, { runs: RUNS, seed: SEED });
      reports.push(report);
      expect(report.examples, `seed ${SEED}`).toEqual([]);
      expect(report.runs).toBe(RUNS);
      expect(report['5xx'] + report.thrown + report.storedFromUnauthenticated).toBe(0);
      // The generators must reach both halves of the property, or the run proves little.
      expect(report.unauthenticated).toBeGreaterThan(0);
      expect(report['2xx']).toBeGreaterThan(0);
    }, 60_000);
  }
});
