import type { AppDeps } from '../../src/app-deps.js';
import { deliverOutbox, type DeliveryTarget, type DeliveryReport } from './deliver.js';

export interface OutboxRunner {
  /** Deliver now (a fresh lead): coalesced with a run in progress, never two runs at once. */
  kick(): void;
  stop(): Promise<void>;
  /** Resolves when no run is in progress (tests, shutdown). */
  idle(): Promise<void>;
}

/**
 * Node: drains the outbox on a timer and whenever `kick()` says there is something new, so a
 * new lead reaches Telegram within a second, and a failed send is picked up on a later tick.
 */
export function startOutboxRunner(
  deps: AppDeps,
  bot: DeliveryTarget,
  opts: { intervalMs?: number; limit?: number; onError?: (e: unknown) => void; onReport?: (r: DeliveryReport) => void } = {},
): OutboxRunner {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const onError = opts.onError ?? ((e) => console.error('outbox: delivery run failed', e));

  const run = (): void => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        try {
          const report = await deliverOutbox(deps, bot, { limit: opts.limit ?? 50 });
          opts.onReport?.(report);
          // A full batch means more may be due right now.
          if (report.claimed >= (opts.limit ?? 50)) again = true;
        } catch (e) {
          onError(e);
        }
      } while (again && !stopped);
    })().finally(() => {
      running = null;
    });
  };

  const timer = setInterval(run, opts.intervalMs ?? 2_000);
  timer.unref?.();
  run();
  return {
    kick: run,
    idle: async () => {
      while (running) await running;
    },
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      while (running) await running;
    },
  };
}
