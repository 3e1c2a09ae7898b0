import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { activities, history, leads } from '../../../db/schema/index.js';
import { completeActivity } from '../../../src/core/activities/complete-activity.js';
import { isCrmError } from '../../../src/core/shared/errors.js';
import { rescheduleActivity } from '../../../src/core/activities/reschedule-activity.js';
import { snoozeActivity } from '../../../src/core/activities/snooze-activity.js';
import { useFreshDb } from '../../helpers/db.js';
import { addActivity, addDeal, addLead, addMember } from '../../helpers/seed.js';

const NOW = new Date('2026-11-27T09:00:00Z');

describe('activity actions', () => {
  const h = useFreshDb({ now: NOW });
  let manager: string;
  let lead: string;
  let call: string;
  const asMember = (id: string, role: 'manager' | 'head' = 'manager') =>
    h.ctx({ kind: 'member', id, label: 'M', role });
  beforeEach(async () => {
    manager = await addMember(h.db);
    lead = await addLead(h.db, { assigneeId: manager });
    call = await addActivity(h.db, { assigneeId: manager, leadId: lead, dueAt: new Date('2026-11-27T08:00:00Z') });
  });

  it('refuses to close the last open activity of an open lead without a next one', async () => {
    await expect(completeActivity(asMember(manager), { activityId: call })).rejects.toSatisfy(
      (e) => isCrmError(e, 'RULE') && e.details.rule === 'next_activity_required',
    );
    const [row] = await h.db.select().from(activities).where(eq(activities.id, call));
    expect(row?.doneAt).toBeNull();
  });

  it('closes it together with the next one, marks the lead touched, and writes history', async () => {
    const next = { kind: 'meeting' as const, dueAt: new Date('2026-11-30T07:00:00Z') };
    expect(await completeActivity(asMember(manager), { activityId: call, result: 'reached', next })).toEqual({ activityId: call, alreadyDone: false });
    const rows = await h.db.select().from(activities).where(eq(activities.leadId, lead));
    expect(rows.find((r) => r.id === call)?.doneAt).toEqual(NOW);
    expect(rows.find((r) => r.id !== call)).toMatchObject({ kind: 'meeting', doneAt: null, assigneeId: manager });
    const [l] = await h.db.select().from(leads).where(eq(leads.id, lead));
    expect(l?.firstTouchedAt).toEqual(NOW);
    const [line] = await h.db.select().from(history).where(eq(history.entityId, lead));
    expect(line).toMatchObject({ action: 'activity_done', changes: { activityId: call, result: 'reached', next: { kind: 'meeting' } } });
    // A second tap changes nothing.
    expect(await completeActivity(asMember(manager), { activityId: call })).toEqual({ activityId: call, alreadyDone: true });
  });

  it('closes freely when another open activity remains, or the deal is closed', async () => {
    await addActivity(h.db, { assigneeId: manager, leadId: lead, dueAt: new Date('2026-12-01T08:00:00Z') });
    await completeActivity(asMember(manager), { activityId: call });
    const won = await addDeal(h.db, { stage: 'won', assigneeId: manager });
    const task = await addActivity(h.db, { assigneeId: manager, dealId: won, dueAt: NOW });
    expect((await completeActivity(asMember(manager), { activityId: task })).alreadyDone).toBe(false);
  });

  it("keeps another manager's activities out of reach; a head may act", async () => {
    const other = await addMember(h.db);
    await expect(snoozeActivity(asMember(other), { activityId: call })).rejects.toSatisfy((e) => isCrmError(e, 'FORBIDDEN'));
    const head = await addMember(h.db, { role: 'head' });
    await expect(snoozeActivity(asMember(head, 'head'), { activityId: call })).resolves.toMatchObject({ activityId: call });
  });

  it('snoozes a late activity 30 minutes from now and an upcoming one 30 minutes from its time', async () => {
    const late = await snoozeActivity(asMember(manager), { activityId: call });
    expect(late.dueAt.toISOString()).toBe('2026-11-27T09:30:00.000Z');
    const again = await snoozeActivity(asMember(manager), { activityId: call });
    expect(again.dueAt.toISOString()).toBe('2026-11-27T10:00:00.000Z');
    const lines = await h.db.select().from(history).where(eq(history.entityId, lead));
    expect(lines.map((l) => l.action)).toEqual(['activity_snoozed', 'activity_snoozed']);
  });

  it('reschedules into the future only, and not a done activity', async () => {
    await expect(rescheduleActivity(asMember(manager), { activityId: call, dueAt: '2026-11-26T09:00:00Z' })).rejects.toSatisfy(
      (e) => isCrmError(e, 'RULE'),
    );
    const moved = await rescheduleActivity(asMember(manager), { activityId: call, dueAt: '2026-11-28T09:00:00Z' });
    expect(moved.previousDueAt.toISOString()).toBe('2026-11-27T08:00:00.000Z');
    const done = await addActivity(h.db, { assigneeId: manager, dueAt: NOW, doneAt: NOW });
    await expect(rescheduleActivity(asMember(manager), { activityId: done, dueAt: '2026-11-28T09:00:00Z' })).rejects.toSatisfy(
      (e) => isCrmError(e, 'CONFLICT'),
    );
    await expect(rescheduleActivity(asMember(manager), { activityId: 'nope', dueAt: '2026-11-28T09:00:00Z' })).rejects.toSatisfy(
      (e) => isCrmError(e, 'NOT_FOUND'),
    );
  });
});
