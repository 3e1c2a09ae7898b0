import { addLocalDays, localDateKey, localParts, parseClock, safeTimeZone, zonedTime } from '../core/shared/local-time.js';

/**
 * How long after WORKDAY_START a missed morning delivery is still worth sending: a list that
 * arrives after the working day is noise, so a server down all day skips it.
 */
export const WORKDAY_HOURS = 9;

export interface MemberDay {
  /** The member's calendar date, part of every daily job key. */
  date: string;
  timeZone: string;
  /** WORKDAY_START today in the member's zone. */
  start: Date;
  /** Until when a missed delivery still catches up. */
  end: Date;
  /** The next local midnight: "today's" activities are due before it. */
  dayEnd: Date;
  /** ISO weekday in the member's zone: 1 = Monday ... 7 = Sunday. */
  weekday: number;
}

export function memberDay(now: Date, timeZone: string, workdayStart: string, fallbackZone: string): MemberDay {
  const zone = safeTimeZone(timeZone, fallbackZone);
  const today = localParts(now, zone);
  const { hour, minute } = parseClock(workdayStart);
  const start = zonedTime(today, hour, minute, zone);
  return {
    date: localDateKey(now, zone),
    timeZone: zone,
    start,
    end: new Date(start.getTime() + WORKDAY_HOURS * 3_600_000),
    dayEnd: zonedTime(addLocalDays(today, 1), 0, 0, zone),
    weekday: today.weekday,
  };
}

/**
 * True while a daily delivery is due: a working day (WORKDAYS) in the member's zone, past their
 * start of day and not yet stale. Nothing arrives on a day off; Monday's list shows what slipped.
 */
export const isDeliveryWindow = (day: MemberDay, now: Date, workdays: readonly number[]) =>
  workdays.includes(day.weekday) && now >= day.start && now < day.end;
