import { buildMorningList, countPoolLeads } from '../core/activities/agenda.js';
import { deliverOnce, existingRunKeys, markRun } from '../core/background/job-runs.js';
import { activeMembers } from '../core/team/team.js';
import { coreAt, done, type JobContext, type JobResult } from './job-context.js';
import { isDeliveryWindow, memberDay } from './workday.js';

export const morningListKey = (date: string, memberId: string) => `morning_list:${date}:${memberId}`;

/**
 * Each member's list at WORKDAY_START in their own zone: overdue first, then the rest of
 * today, plus the pool's size. Runs every few minutes and delivers to whoever's moment has
 * come, so it also catches up after downtime until the end of that member's working day.
 * A member with nothing to do gets nothing (a manager still hears of a non-empty pool):
 * an "all clear" every morning teaches people to ignore the bot.
 */
export async function sendMorningLists(ctx: JobContext, now: Date): Promise<JobResult> {
  const core = coreAt(ctx, now);
  const { due, sent } = await morningListsDue(ctx, now);

  let pool: number | undefined;
  const result: JobResult = { queued: 0, skipped: 0 };
  for (const { member, day } of due) {
    const run = { key: morningListKey(day.date, member.id), job: 'morning_list' };
    if (sent.has(run.key)) continue;
    const list = await buildMorningList(core, member.id, { now, dayEnd: day.dayEnd });
    const poolCount = member.role === 'manager' ? (pool ??= await countPoolLeads(core)) : 0;
    if (list.overdue.length + list.today.length === 0 && poolCount === 0) {
      await markRun(core, run);
      result.skipped++;
      continue;
    }
    const payload = { date: day.date, timeZone: day.timeZone, ...list, poolCount };
    const queued = await deliverOnce(core, run, [{ kind: 'morning_list', chatId: member.chatId, memberId: member.id, payload }]);
    if (queued) result.queued++;
    else result.skipped++;
  }
  return done(ctx, result);
}

/** Members whose morning moment has come at `now`, and the run keys already delivered today. */
async function morningListsDue(ctx: JobContext, now: Date) {
  const core = coreAt(ctx, now);
  const fallback = core.settings.defaultTimeZone;
  const due = (await activeMembers(core))
    .map((member) => ({ member, day: memberDay(now, member.timeZone, ctx.workdayStart, fallback) }))
    .filter(({ day }) => isDeliveryWindow(day, now, ctx.workdays));
  const sent = await existingRunKeys(core, due.map(({ member, day }) => morningListKey(day.date, member.id)));
  return { due, sent };
}
