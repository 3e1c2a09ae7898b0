import type { OutageReport } from './outage-scenario.js';

/** One line of figures, the same in the test output and the bench. */
export function outageLine(r: OutageReport): string {
  return (
    `outage: ${r.outageMinutes.toFixed(1)} min (down / 500 / 429 / down), ${r.leads} leads, ${r.messages} messages, ` +
    `${r.delivered} delivered, ${r.duplicates} duplicates (${r.duplicateTexts} by text), ${r.lost} lost, ${r.outOfOrder} out of order, ` +
    `${r.skipped} superseded; drained ${r.drainMinutes.toFixed(1)} min after the API came back; ` +
    `refused 500 x${r.refused['500']}, 429 x${r.refused['429']}; ${r.sendRuns} sender runs; kinds ${JSON.stringify(r.byKind)}`
  );
}
