export interface KickableLoop {
  /** Run now: coalesced with a run in progress, never two runs at once. */
  kick(): void;
  /** Resolves when no run is in progress (tests, shutdown). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Runs `step` on a timer and on every kick. A kick during a run asks for one more pass, and a step
 * that returns true (a full batch: more may be due) goes again at once, so fresh work never waits
 * for the next tick. Node only: Workers run their steps from fetch and cron instead.
 */
export function startKickableLoop(step: () => Promise<boolean | void>, opts: { intervalMs: number; onError: (e: unknown) => void }): KickableLoop {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
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
          if ((await step()) === true) again = true;
        } catch (e) {
          opts.onError(e);
        }
      } while (again && !stopped);
    })().finally(() => {
      running = null;
    });
  };
  const timer = setInterval(run, opts.intervalMs);
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
