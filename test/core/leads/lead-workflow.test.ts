import { beforeEach, describe, expect, it } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import { activities, history, leads } from '../../../db/schema/index.js';
import { addNote } from '../../../src/core/leads/add-lead-note.js';
import { changeLeadStatus } from '../../../src/core/leads/change-lead-status.js';
import { createLeadFromIntake } from '../../../src/core/intake/create-lead-from-intake.js';
import { isCrmError } from '../../../src/core/shared/errors.js';
import { getLeadView } from '../../../src/core/leads/get-lead-view.js';
import { junkLead } from '../../../src/core/leads/junk-lead.js';
import { leadHistory } from '../../../src/core/leads/lead-history.js';
import { listMyLeads } from '../../../src/core/leads/list-leads.js';
import { logCall, statusAfterCall } from '../../../src/core/leads/log-call.js';
import { takeLead } from '../../../src/core/leads/take-lead.js';
import { useFreshDb } from '../../helpers/db.js';
import { addMember, as } from '../../helpers/members.js';

const webhook = { kind: 'webhook' as const, id: 'form', label: 'site form' };
const rule = (name: string) => (e: unknown) => isCrmError(e) && e.details.rule === name;

describe('lead workflow use cases', () => {
  const h = useFreshDb({ now: '2026-11-27T09:00:00Z' });
  let anna: Awaited<ReturnType<typeof addMember>>;
  let mike: Awaited<ReturnType<typeof addMember>>;
  let head: Awaited<ReturnType<typeof addMember>>;
  let leadId: string;
  beforeEach(async () => {
    anna = await addMember(h.db, 'Anna', 'manager');
    mike = await addMember(h.db, 'Mike', 'manager');
    head = await addMember(h.db, 'Hanna', 'head');
    const created = await createLeadFromIntake(h.ctx(webhook), { channel: 'call', intakeSource: 'zadarma', phone: '+79991112233' });
    leadId = created.lead.id;
  });

  it('take: first wins among ten concurrent takers; history and activities follow only the winner', async () => {
    const takers = [anna, mike, head, ...(await Promise.all([1, 2, 3, 4, 5, 6, 7].map((i) => addMember(h.db, `M${i}`, 'manager'))))];
    const results = await Promise.all(takers.map((m) => takeLead(as(h.db, m, h.clock), leadId)));
    expect(results.filter((r) => r.outcome === 'taken')).toHaveLength(1);
    const winner = results.find((r) => r.outcome === 'taken')!.assignee!;
    expect(results.filter((r) => r.outcome === 'taken_by_other').every((r) => r.assignee?.id === winner.id)).toBe(true);
    expect(await h.db.select().from(history).where(eq(history.action, 'taken'))).toHaveLength(1);
    const [act] = await h.db.select().from(activities).where(eq(activities.leadId, leadId));
    expect(act?.assigneeId).toBe(winner.id);
  });

  it('take tells the loser who took it without showing them the lead', async () => {
    await takeLead(as(h.db, anna, h.clock), leadId);
    const late = await takeLead(as(h.db, mike, h.clock), leadId);
    expect(late).toMatchObject({ outcome: 'taken_by_other', lead: null, assignee: { name: 'Anna' } });
    expect((await takeLead(as(h.db, anna, h.clock), leadId)).outcome).toBe('already_yours');
  });

  it('visibility: a manager can neither see nor change a colleague’s lead; a head can', async () => {
    await takeLead(as(h.db, anna, h.clock), leadId);
    const m = as(h.db, mike, h.clock);
    const forbidden = (e: unknown) => isCrmError(e, 'FORBIDDEN');
    await expect(getLeadView(m, leadId)).rejects.toSatisfy(forbidden);
    await expect(logCall(m, { leadId, outcome: 'reached', next: { dueAt: '2026-11-28T09:00:00Z' } })).rejects.toSatisfy(forbidden);
    await expect(changeLeadStatus(m, { leadId, status: 'clarifying' })).rejects.toSatisfy(forbidden);
    await expect(junkLead(m, { leadId, reason: 'spam' })).rejects.toSatisfy(forbidden);
    await expect(addNote(m, leadId, 'hi')).rejects.toSatisfy(forbidden);
    await expect(leadHistory(m, leadId)).rejects.toSatisfy(forbidden);
    expect((await listMyLeads(m)).total).toBe(0);
    const view = await getLeadView(as(h.db, head, h.clock), leadId);
    expect(view.actions).toEqual(['log_call', 'status', 'junk', 'note', 'history']);
    await changeLeadStatus(as(h.db, head, h.clock), { leadId, status: 'clarifying' });
  });

  it('pool leads: anyone may see and take; working them starts with Take', async () => {
    const view = await getLeadView(as(h.db, mike, h.clock), leadId);
    expect(view.actions).toEqual(['take', 'junk', 'history']);
    await expect(logCall(as(h.db, mike, h.clock), { leadId, outcome: 'busy', next: { dueAt: '2026-11-28T09:00:00Z' } })).rejects.toSatisfy(rule('take_first'));
  });

  it('log call: closes the open call, records the outcome, sets the status and plans the next step in one write', async () => {
    await takeLead(as(h.db, anna, h.clock), leadId);
    h.clock.advance(5 * 60_000);
    const ctx = as(h.db, anna, h.clock);
    await expect(logCall(ctx, { leadId, outcome: 'no_answer' })).rejects.toSatisfy(rule('next_activity_required'));
    const result = await logCall(ctx, { leadId, outcome: 'no_answer', note: 'voicemail', next: { dueAt: '2026-11-27T11:00:00Z' } });
    expect(result).toMatchObject({ status: 'unreachable', planned: true });
    const all = await h.db.select().from(activities).where(eq(activities.leadId, leadId)).orderBy(activities.dueAt);
    expect(all.map((a) => [a.result, a.doneAt?.toISOString() ?? null, a.assigneeId === anna.id])).toEqual([
      ['no_answer', '2026-11-27T09:05:00.000Z', true],
      [null, null, true],
    ]);
    await logCall(ctx, { leadId, outcome: 'reached', next: { dueAt: '2026-11-29T11:00:00Z' } });
    expect((await h.db.select().from(leads))[0]?.status).toBe('in_progress');
    const calls = await h.db.select().from(history).where(eq(history.action, 'call_logged'));
    expect(calls.map((c) => c.changes?.outcome)).toEqual(['no_answer', 'reached']);
  });

  it('status after a call: no answer and busy are unreachable; reached keeps a status that is further on', () => {
    expect(statusAfterCall('assigned', 'busy')).toBe('unreachable');
    expect(statusAfterCall('unreachable', 'reached')).toBe('in_progress');
    expect(statusAfterCall('call_back', 'reached')).toBe('call_back');
    expect(statusAfterCall('clarifying', 'wrong_number')).toBe('clarifying');
  });

  it('a status change needs a next step, refuses one in the past, and is refused on a changed lead', async () => {
    await takeLead(as(h.db, anna, h.clock), leadId);
    const ctx = as(h.db, anna, h.clock);
    await h.db.update(activities).set({ doneAt: h.clock.now() }).where(eq(activities.leadId, leadId));
    await expect(changeLeadStatus(ctx, { leadId, status: 'in_progress' })).rejects.toSatisfy(rule('next_activity_required'));
    await expect(changeLeadStatus(ctx, { leadId, status: 'in_progress', next: { dueAt: '2026-11-26T09:00:00Z' } })).rejects.toSatisfy(
      rule('next_activity_in_past'),
    );
    expect((await h.db.select().from(leads))[0]?.status).toBe('assigned');
    await changeLeadStatus(ctx, { leadId, status: 'in_progress', next: { dueAt: '2026-11-28T09:00:00Z' } });
    expect((await h.db.select().from(leads))[0]?.status).toBe('in_progress');
  });

  it('concurrent changes of one lead: one lands, the other is a conflict and writes nothing', async () => {
    await takeLead(as(h.db, anna, h.clock), leadId);
    const ctx = as(h.db, anna, h.clock);
    const results = await Promise.allSettled([
      junkLead(ctx, { leadId, reason: 'spam' }),
      changeLeadStatus(ctx, { leadId, status: 'call_back', next: { dueAt: '2026-11-28T09:00:00Z' } }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(isCrmError(failed.reason, 'CONFLICT') || rule('lead_closed')(failed.reason)).toBe(true);
    const lines = await h.db.select().from(history).where(and(eq(history.entityId, leadId)));
    expect(lines.filter((l) => l.action === 'junked' || l.action === 'status_changed')).toHaveLength(1);
    const [row] = await h.db.select().from(leads);
    if (row?.status === 'junk') expect(await h.db.select().from(activities).where(isNull(activities.doneAt))).toHaveLength(0);
  });

  it('junk: final, with a reason, closes activities; nothing is deleted and a closed lead still takes notes', async () => {
    await takeLead(as(h.db, anna, h.clock), leadId);
    const ctx = as(h.db, anna, h.clock);
    await junkLead(ctx, { leadId, reason: 'duplicate', note: 'same as #1' });
    const [row] = await h.db.select().from(leads);
    expect(row).toMatchObject({ status: 'junk', junkReason: 'duplicate', junkNote: 'same as #1' });
    expect(await h.db.select().from(activities).where(isNull(activities.doneAt))).toHaveLength(0);
    await expect(junkLead(ctx, { leadId, reason: 'spam' })).rejects.toSatisfy(rule('lead_closed'));
    await addNote(ctx, leadId, 'called back a year later');
    expect((await getLeadView(ctx, leadId)).actions).toEqual(['note', 'history']);
    const page = await leadHistory(ctx, leadId, { limit: 2 });
    expect(page.total).toBe(4);
    expect(page.items.map((i) => i.action)).toEqual(['note', 'junked']);
  });
});
