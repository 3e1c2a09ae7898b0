import type { AppDeps } from '../app-deps.js';
import { systemActor, type CoreContext } from '../core/shared/context.js';

/** What every job receives besides `now`: the core context (acting as the system) and the schedule settings. */
export interface JobContext {
  core: CoreContext;
  /** "09:00": when each member's day starts, in their own time zone. */
  workdayStart: string;
  remindBeforeMinutes: number;
  /** ISO weekdays the team works (WORKDAYS): daily lists and digests go out only on these. */
  workdays: readonly number[];
}

/** What a run did, for logs and tests. */
export interface JobResult {
  /** Messages put in the outbox by this run. */
  queued: number;
  /** Deliveries that were due but already recorded (another instance, an earlier tick) or empty. */
  skipped: number;
  /** Rows removed by housekeeping. */
  pruned?: number;
}

export function jobContext(deps: AppDeps): JobContext {
  return {
    core: deps.core(systemActor),
    workdayStart: deps.config.WORKDAY_START,
    remindBeforeMinutes: deps.config.REMIND_BEFORE_MINUTES,
    workdays: deps.config.WORKDAYS,
  };
}

/** The core context pinned to the run's `now`, so one run sees one instant throughout. */
export function coreAt(ctx: JobContext, now: Date): CoreContext {
  return { ...ctx.core, now: () => new Date(now) };
}

/** Tells the sender once per run that there is mail, rather than once per message. */
export function done(ctx: JobContext, result: JobResult): JobResult {
  if (result.queued > 0) ctx.core.onOutbox?.();
  return result;
}
