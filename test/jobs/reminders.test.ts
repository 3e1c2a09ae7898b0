import { beforeEach, describe, expect, it } from 'vitest';
import { rescheduleActivity } from '../../src/core/activities/reschedule-activity.js';
import { snoozeActivity } from '../../src/core/activities/snooze-activity.js';
import { sendReminders } from '../../src/jobs/reminders.js';
import { coreContext, TestClock } from '../helpers/context.js';
import { useFreshDb } from '../helpers/db.js';
import { outboxRows, testJobContext } from '../helpers/jobs.js';
import { addActivity, addLead, addMember } from '../helpers/seed.js';

const DUE = new Date('2026-11-27T10:00:00Z');
const at = (iso: string) => new Date(`2026-11-27T${iso}:00Z`);

describe('reminders', () => {
  const h = useFreshDb();
  let manager: string;
  let activity: string;
  beforeEach(async () => {
    manager = await addMember(h.db, { timeZone: 'Asia/Vladivostok' });
    const lead = await addLead(h.db, { number: 7, name: 'Иван', assigneeId: manager });
    activity = await addActivity(h.db, { assigneeId: manager, leadId: lead, dueAt: DUE, subject: 'Call Ivan' });
  });

  it('goes out REMIND_BEFORE_MINUTES ahead, once, even when the job runs three times', async () => {
    const ctx = testJobContext(h);
    expect((await sendReminders(ctx, at('09:44'))).queued).toBe(0);
    expect((await sendReminders(ctx, at('09:45'))).queued).toBe(1);
    expect((await sendReminders(ctx, at('09:45'))).queued).toBe(0);
    expect((await sendReminders(ctx, at('09:46'))).queued).toBe(0);
    const rows = await outboxRows(h, 'reminder');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      memberId: manager,
      dedupeKey: `reminder:${activity}:${DUE.getTime()}`,
      payload: { activityId: activity, subject: 'Call Ivan', lead: { number: 7 }, timeZone: 'Asia/Vladivostok' },
    });
  });

  it('is queued once when instances race on the same tick', async () => {
    const ctx = testJobContext(h);
    await Promise.all([1, 2, 3].map(() => sendReminders(ctx, at('09:50'))));
    expect(await outboxRows(h, 'reminder')).toHaveLength(1);
  });

  it('comes again for a new time after a snooze or a reschedule', async () => {
    const ctx = testJobContext(h);
    await sendReminders(ctx, at('09:45'));
    const clock = new TestClock(at('09:46'));
    const member = { kind: 'member' as const, id: manager, label: 'M', role: 'manager' as const };
    const snoozed = await snoozeActivity(coreContext(h.db, { actor: member, clock }), { activityId: activity });
    expect(snoozed.dueAt.toISOString()).toBe('2026-11-27T10:30:00.000Z');
    expect((await sendReminders(ctx, at('10:14'))).queued).toBe(0);
    expect((await sendReminders(ctx, at('10:15'))).queued).toBe(1);

    await rescheduleActivity(coreContext(h.db, { actor: member, clock }), { activityId: activity, dueAt: at('15:00') });
    expect((await sendReminders(ctx, at('14:45'))).queued).toBe(1);
    expect((await outboxRows(h, 'reminder')).map((r) => r.payload.dueAt)).toEqual([
      '2026-11-27T10:00:00.000Z',
      '2026-11-27T10:30:00.000Z',
      '2026-11-27T15:00:00.000Z',
    ]);
  });

  it('skips a reminder gone stale during downtime, and leaves done and pool activities alone', async () => {
    const ctx = testJobContext(h);
    await addActivity(h.db, { assigneeId: manager, dueAt: at('11:00'), doneAt: at('09:00') });
    await addActivity(h.db, { assigneeId: null, dueAt: at('11:00') });
    // Back up at 10:31: the 10:00 call is more than half an hour late; the morning list and sweep carry it.
    expect((await sendReminders(ctx, at('10:31'))).queued).toBe(0);
    expect((await sendReminders(ctx, at('10:50'))).queued).toBe(0);
    expect(await outboxRows(h)).toHaveLength(0);
  });

  it('still reminds shortly after the time when the server was down a few minutes', async () => {
    const ctx = testJobContext(h);
    expect((await sendReminders(ctx, at('10:10'))).queued).toBe(1);
  });
});
