import type { AppDeps } from '../../src/app-deps.js';
import { startKickableLoop, type KickableLoop } from '../../src/jobs/kickable-loop.js';
import { deliverOutbox, type DeliveryTarget, type DeliveryReport } from './deliver.js';

/** Deliver now (a fresh lead) with `kick()`: coalesced with a run in progress, never two runs at once. */
export type OutboxRunner = KickableLoop;

/**
 * Node: drains the outbox on a timer and whenever `kick()` says there is something new, so a
 * new lead reaches Telegram within a second, and a failed send is picked up on a later tick.
 */
export function startOutboxRunner(
  deps: AppDeps,
  bot: DeliveryTarget,
  opts: { intervalMs?: number; limit?: number; onError?: (e: unknown) => void; onReport?: (r: DeliveryReport) => void } = {},
): OutboxRunner {
  const limit = opts.limit ?? 50;
  return startKickableLoop(
    async () => {
      const report = await deliverOutbox(deps, bot, { limit });
      opts.onReport?.(report);
      // A full batch means more may be due right now.
      return report.claimed >= limit;
    },
    { intervalMs: opts.intervalMs ?? 2_000, onError: opts.onError ?? ((e) => console.error('outbox: delivery run failed', e)) },
  );
}
