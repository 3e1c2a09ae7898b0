import type { Db } from '../../db/client.js';
import type { Actor, CoreContext, CoreSettings } from '../../src/core/shared/context.js';
import { systemActor } from '../../src/core/shared/context.js';

/** A settable clock: tests move time instead of waiting for it. */
export class TestClock {
  constructor(private current: Date = new Date('2026-11-27T09:00:00Z')) {}
  now = (): Date => new Date(this.current);
  set(at: Date | string): void {
    this.current = new Date(at);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export const testSettings: CoreSettings = {
  defaultCountry: 'RU',
  defaultTimeZone: 'Europe/Moscow',
  firstContactMinutes: 15,
  proposalFollowUpDays: 2,
  defaultLanguage: 'ru',
};

export function coreContext(db: Db, opts: { actor?: Actor; clock?: TestClock } = {}): CoreContext {
  const clock = opts.clock ?? new TestClock();
  return { db, actor: opts.actor ?? systemActor, now: clock.now, settings: testSettings };
}
