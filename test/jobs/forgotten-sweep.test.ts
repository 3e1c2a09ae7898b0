import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { activities, history, leads, members, settings } from '../../db/schema/index.js';
import { findForgotten } from '../../src/core/activities/find-forgotten.js';
import { escalatePool } from '../../src/jobs/pool-escalation.js';
import { sweepForgotten } from '../../src/jobs/forgotten-sweep.js';
import { useFreshDb } from '../helpers/db.js';
import { outboxRows, testJobContext } from '../helpers/jobs.js';
import { addActivity, addDeal, addLead, addMember } from '../helpers/seed.js';

const MSK_NINE = new Date('2026-11-27T06:00:00Z');

describe('forgotten-lead sweep', () => {
  const h = useFreshDb({ now: MSK_NINE });
  let anna: string;
  let head: string;
  beforeEach(async () => {
    anna = await addMember(h.db, { name: 'Anna' });
    head = await addMember(h.db, { name: 'Helen', role: 'head' });
  });

  it('finds a lead whose activity was completed with no next one, and tells its assignee and the head', async () => {
    // The use cases forbid this state; a direct write (an old import, a bug) can still make it.
    const orphan = await addLead(h.db, { number: 42, name: 'Забытый', assigneeId: anna });
    await addActivity(h.db, { assigneeId: anna, leadId: orphan, dueAt: new Date('2026-11-20T08:00:00Z'), doneAt: new Date('2026-11-20T08:10:00Z') });
    // A healthy lead and a closed one are not reported.
    const healthy = await addLead(h.db, { assigneeId: anna });
    await addActivity(h.db, { assigneeId: anna, leadId: healthy, dueAt: new Date('2026-11-28T08:00:00Z') });
    await addLead(h.db, { assigneeId: anna, status: 'junk' });
    const stalledDeal = await addDeal(h.db, { title: 'Без шага', assigneeId: anna });
    await addDeal(h.db, { stage: 'won', assigneeId: anna });

    const found = await findForgotten(h.ctx());
    expect(found.noNextActivity.map((r) => [r.type, r.id])).toEqual([
      ['lead', orphan],
      ['deal', stalledDeal],
    ]);

    const ctx = testJobContext(h);
    expect((await sweepForgotten(ctx, MSK_NINE)).queued).toBe(2);
    expect((await sweepForgotten(ctx, new Date(MSK_NINE.getTime() + 300_000))).queued).toBe(0);
    const [digest] = await outboxRows(h, 'forgotten_digest');
    expect(digest).toMatchObject({ memberId: anna, payload: { noNextActivity: [{ number: 42, name: 'Забытый' }, { name: 'Без шага' }] } });
    const [summary] = await outboxRows(h, 'forgotten_summary');
    expect(summary).toMatchObject({
      memberId: head,
      payload: { perMember: [{ memberId: anna, name: 'Anna', noNextActivity: 2, longOverdue: 0 }], unassignedNoNextActivity: 0 },
    });
  });

  it('reports activities overdue by more than a day, and pool leads past the first-contact limit', async () => {
    const lead = await addLead(h.db, { assigneeId: anna });
    await addActivity(h.db, { assigneeId: anna, leadId: lead, dueAt: new Date('2026-11-26T05:59:00Z'), subject: 'Old' });
    await addActivity(h.db, { assigneeId: anna, leadId: lead, dueAt: new Date('2026-11-26T06:01:00Z'), subject: 'Recent' });
    const waiting = await addLead(h.db, { assigneeId: null, createdAt: new Date('2026-11-27T05:40:00Z') });
    await addActivity(h.db, { leadId: waiting, dueAt: new Date('2026-11-27T05:55:00Z') });
    const fresh = await addLead(h.db, { assigneeId: null, createdAt: new Date('2026-11-27T05:50:00Z') });
    await addActivity(h.db, { leadId: fresh, dueAt: new Date('2026-11-27T06:05:00Z') });

    const found = await findForgotten(h.ctx());
    expect(found.longOverdue.map((a) => a.subject)).toEqual(['Old']);
    expect(found.untakenPool.map((p) => p.id)).toEqual([waiting]);
  });

  it('round-robin escalation assigns an untaken pool lead to the manager assigned longest ago, once', async () => {
    const boris = await addMember(h.db, { name: 'Boris', lastAssignedAt: new Date('2026-11-01T00:00:00Z') });
    await h.db.update(members).set({ lastAssignedAt: new Date('2026-11-20T00:00:00Z') }).where(eq(members.id, anna));
    await addMember(h.db, { name: 'Gone', active: false });
    await h.db.insert(settings).values({ key: 'pool_escalation', value: 'round_robin', updatedAt: MSK_NINE });
    const lead = await addLead(h.db, { assigneeId: null, createdAt: new Date('2026-11-27T05:30:00Z') });
    const first = await addActivity(h.db, { leadId: lead, dueAt: new Date('2026-11-27T05:45:00Z') });

    const ctx = testJobContext(h);
    expect((await escalatePool(ctx, new Date('2026-11-27T05:44:00Z'))).queued).toBe(0);
    const results = await Promise.all([escalatePool(ctx, MSK_NINE), escalatePool(ctx, MSK_NINE)]);
    expect(results.reduce((s, r) => s + r.queued, 0)).toBe(1);
    expect((await escalatePool(ctx, MSK_NINE)).queued).toBe(0);

    const [row] = await h.db.select().from(leads).where(eq(leads.id, lead));
    expect(row).toMatchObject({ assigneeId: boris, status: 'assigned' });
    const [act] = await h.db.select().from(activities).where(eq(activities.id, first));
    expect(act?.assigneeId).toBe(boris);
    const [b] = await h.db.select().from(members).where(eq(members.id, boris));
    expect(b?.lastAssignedAt).toEqual(MSK_NINE);
    const [line] = await h.db.select().from(history).where(eq(history.entityId, lead));
    expect(line).toMatchObject({ action: 'assigned', actorKind: 'system', changes: { assignee: [null, 'Boris'], rule: 'round_robin' } });
    expect(await outboxRows(h, 'pool_assigned')).toMatchObject([{ memberId: boris, payload: { leadId: lead, waitedMinutes: 30 } }]);

    // The next untaken lead goes to the next in line.
    await addLead(h.db, { assigneeId: null, createdAt: new Date('2026-11-27T05:35:00Z') });
    await escalatePool(ctx, MSK_NINE);
    expect((await outboxRows(h, 'pool_assigned')).map((r) => r.memberId)).toEqual([boris, anna]);
  });

  it('nudges the team chat when the setting says so (the default)', async () => {
    const lead = await addLead(h.db, { assigneeId: null, createdAt: new Date('2026-11-27T05:00:00Z') });
    const ctx = testJobContext(h);
    expect((await escalatePool(ctx, MSK_NINE)).queued).toBe(1);
    expect((await escalatePool(ctx, MSK_NINE)).queued).toBe(0);
    expect(await outboxRows(h)).toMatchObject([{ kind: 'pool_nudge', chatId: null, payload: { leadIds: [lead], total: 1 } }]);
    const [row] = await h.db.select().from(leads).where(eq(leads.id, lead));
    expect(row?.assigneeId).toBeNull();
  });

  it('many untaken leads make ONE reminder per run, not one per lead; the next run repeats none of them', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 25; i++) ids.push(await addLead(h.db, { assigneeId: null, createdAt: new Date(Date.parse('2026-11-27T05:00:00Z') + i * 1000) }));
    const ctx = testJobContext(h);
    expect((await escalatePool(ctx, MSK_NINE)).queued).toBe(1);
    expect((await escalatePool(ctx, MSK_NINE)).queued).toBe(0);
    const rows = await outboxRows(h);
    expect(rows).toHaveLength(1);
    // The oldest ten carry a Take button each; the total counts the rest (they wait in /pool).
    expect(rows[0]).toMatchObject({ kind: 'pool_nudge', payload: { leadIds: ids.slice(0, 10), total: 25 } });
  });
});
