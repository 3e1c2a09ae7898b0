import { findDueReminders, reminderKey } from '../core/activities/due-reminders.js';
import { deliverOnce } from '../core/background/job-runs.js';
import { coreAt, done, type JobContext, type JobResult } from './job-context.js';

/**
 * A reminder that would arrive this long after the activity's time is dropped: after a long
 * outage the morning list and the sweep carry late work, a flood of stale pings would not help.
 */
export const REMINDER_GRACE_MINUTES = 30;

/** REMIND_BEFORE_MINUTES ahead of each open activity, once per (activity, due time). */
export async function sendReminders(ctx: JobContext, now: Date): Promise<JobResult> {
  const core = coreAt(ctx, now);
  const due = await findDueReminders(core, {
    from: new Date(now.getTime() - REMINDER_GRACE_MINUTES * 60_000),
    until: new Date(now.getTime() + ctx.remindBeforeMinutes * 60_000),
  });
  const result: JobResult = { queued: 0, skipped: 0 };
  for (const { item, recipient } of due) {
    const key = reminderKey(item.activityId, Date.parse(item.dueAt));
    const queued = await deliverOnce(core, { key, job: 'reminder' }, [
      {
        kind: 'reminder',
        chatId: recipient.chatId,
        memberId: recipient.id,
        payload: { ...item, timeZone: recipient.timeZone },
      },
    ]);
    if (queued) result.queued++;
    else result.skipped++;
  }
  return done(ctx, result);
}
