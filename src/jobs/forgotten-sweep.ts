import { digestFor, findForgotten, isEmptyDigest, isEmptySummary, summarize, type Forgotten } from '../core/activities/find-forgotten.js';
import { deliverOnce, existingRunKeys, markRun } from '../core/background/job-runs.js';
import { activeMembers } from '../core/team/team.js';
import { coreAt, done, type JobContext, type JobResult } from './job-context.js';
import { isDeliveryWindow, memberDay } from './workday.js';

export const digestKey = (date: string, memberId: string) => `forgotten_digest:${date}:${memberId}`;
export const summaryKey = (date: string, memberId: string) => `forgotten_summary:${date}:${memberId}`;

/**
 * The daily sweep, delivered beside the morning list at each member's WORKDAY_START: to each
 * assignee what they left without a next step or overdue by over a day; to heads and the owner
 * a summary per manager plus the untaken pool. The sweep itself runs once per tick that has
 * someone due, and only when it has.
 */
export async function sweepForgotten(ctx: JobContext, now: Date): Promise<JobResult> {
  const core = coreAt(ctx, now);
  const fallback = core.settings.defaultTimeZone;
  const everyone = await activeMembers(core);
  const due = everyone
    .map((member) => ({ member, day: memberDay(now, member.timeZone, ctx.workdayStart, fallback) }))
    .filter(({ day }) => isDeliveryWindow(day, now, ctx.workdays));
  const keysOf = (m: (typeof due)[number]) => {
    const leader = m.member.role === 'owner' || m.member.role === 'head';
    return [digestKey(m.day.date, m.member.id), ...(leader ? [summaryKey(m.day.date, m.member.id)] : [])];
  };
  const sent = await existingRunKeys(core, due.flatMap(keysOf));
  const pending = due.filter((m) => keysOf(m).some((k) => !sent.has(k)));
  const result: JobResult = { queued: 0, skipped: 0 };
  if (pending.length === 0) return result;

  let forgotten: Forgotten | undefined;
  for (const { member, day } of pending) {
    forgotten ??= await findForgotten(core);
    const common = { chatId: member.chatId, memberId: member.id };
    const dKey = digestKey(day.date, member.id);
    if (!sent.has(dKey)) {
      const digest = digestFor(forgotten, member.id);
      const run = { key: dKey, job: 'forgotten_digest' };
      if (isEmptyDigest(digest)) {
        await markRun(core, run);
        result.skipped++;
      } else {
        const payload = { date: day.date, timeZone: day.timeZone, ...digest };
        count(result, await deliverOnce(core, run, [{ kind: 'forgotten_digest', ...common, payload }]));
      }
    }
    const sKey = summaryKey(day.date, member.id);
    if (keysOf({ member, day }).includes(sKey) && !sent.has(sKey)) {
      const summary = summarize(forgotten);
      const run = { key: sKey, job: 'forgotten_summary' };
      if (isEmptySummary(summary)) {
        await markRun(core, run);
        result.skipped++;
      } else {
        const names = Object.fromEntries(everyone.map((m) => [m.id, m.name]));
        const perMember = summary.perMember.map((p) => ({ ...p, name: names[p.memberId] ?? null }));
        const payload = { date: day.date, timeZone: day.timeZone, ...summary, perMember };
        count(result, await deliverOnce(core, run, [{ kind: 'forgotten_summary', ...common, payload }]));
      }
    }
  }
  return done(ctx, result);
}

function count(result: JobResult, queued: boolean) {
  if (queued) result.queued++;
  else result.skipped++;
}
