import { describe, expect, it } from 'vitest';
import { outageLine } from '../../bench/lib/outage-print.js';
import { runOutage } from '../../bench/lib/outage-scenario.js';

/**
 * The fast cut of `npm run bench:outage`: the real grammY bot against a local fake Bot API over
 * HTTP that is refused, then 500, then 429 (retry_after 30), then refused again, for 16 virtual
 * minutes while leads arrive through POST /hooks/form and the 09:00 jobs run. Afterwards every
 * notification must be in Telegram once, in the order it was created for its chat.
 */
describe('Telegram outage', () => {
  it.each([1, 2])('every notification is delivered once and in order per chat (%i sender(s))', { timeout: 60_000 }, async (senders) => {
    const report = await runOutage({
      managers: 3,
      senders,
      leadsPerMinute: 1,
      beforeMinutes: 2,
      afterMinutes: 5,
      phases: [
        { mode: 'down', minutes: 6 },
        { mode: '500', minutes: 3 },
        { mode: '429', minutes: 3, retryAfterSeconds: 30 },
        { mode: 'down', minutes: 4 },
      ],
    });
    console.log(`${senders} sender(s): ${outageLine(report)}`);
    // The scenario must really have met every failure and every kind of traffic.
    expect(report.refused['500']).toBeGreaterThan(0);
    expect(report.refused['429']).toBeGreaterThan(0);
    expect(Object.keys(report.byKind)).toEqual(expect.arrayContaining(['lead_created', 'lead_repeat', 'reminder', 'morning_list', 'pool_nudge']));
    expect(report.lost).toBe(0);
    expect(report.duplicates).toBe(0);
    expect(report.duplicateTexts).toBe(0);
    expect(report.outOfOrder).toBe(0);
    expect(report.delivered).toBe(report.messages);
  });
});
