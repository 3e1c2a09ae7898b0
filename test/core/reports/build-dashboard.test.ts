import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../../db/client.js';
import { buildDashboard } from '../../../src/core/reports/build-dashboard.js';
import { coreContext, TestClock } from '../../helpers/context.js';
import { freshDb } from '../../helpers/db.js';
import { memberActor } from '../../helpers/deal-fixtures.js';
import { addActivity, addDeal, addLead } from '../../helpers/seed.js';

const DAY = 86_400_000;

describe('dashboard: forgotten records', () => {
  let h: DbHandle;
  const clock = new TestClock(new Date('2026-11-27T10:00:00Z'));
  const ago = (days: number) => new Date(clock.now().getTime() - days * DAY);
  beforeEach(async () => {
    h = await freshDb();
  });
  afterEach(() => h.close());

  it('counts each open lead and deal with a step over a day late once, for the team and for one manager', async () => {
    const owner = await memberActor(h.db, 'owner');
    const anna = await memberActor(h.db, 'manager', 'Anna');
    const boris = await memberActor(h.db, 'manager', 'Boris');
    // Anna: a lead with two late steps (one record), a lead late by an hour only (not forgotten), a late deal.
    const twice = await addLead(h.db, { assigneeId: anna.id, status: 'in_progress' });
    await addActivity(h.db, { leadId: twice, assigneeId: anna.id, dueAt: ago(3) });
    await addActivity(h.db, { leadId: twice, assigneeId: anna.id, dueAt: ago(2) });
    const recent = await addLead(h.db, { assigneeId: anna.id, status: 'in_progress' });
    await addActivity(h.db, { leadId: recent, assigneeId: anna.id, dueAt: new Date(clock.now().getTime() - 3_600_000) });
    const annaDeal = await addDeal(h.db, { assigneeId: anna.id, stage: 'proposal' });
    await addActivity(h.db, { dealId: annaDeal, assigneeId: anna.id, dueAt: ago(5) });
    // Boris: a late lead, and a late step on a won deal (closed: not forgotten).
    const borisLead = await addLead(h.db, { assigneeId: boris.id, status: 'in_progress' });
    await addActivity(h.db, { leadId: borisLead, assigneeId: boris.id, dueAt: ago(4) });
    const won = await addDeal(h.db, { assigneeId: boris.id, stage: 'won' });
    await addActivity(h.db, { dealId: won, assigneeId: boris.id, dueAt: ago(4) });

    const ctx = coreContext(h.db, { actor: owner, clock });
    const period = { from: ago(30), to: clock.now() };
    expect((await buildDashboard(ctx, period)).forgotten).toEqual({ leads: 2, deals: 1, capped: false });
    expect((await buildDashboard(ctx, { ...period, managerId: anna.id })).forgotten).toEqual({ leads: 1, deals: 1, capped: false });
    expect((await buildDashboard(ctx, { ...period, managerId: boris.id })).forgotten).toEqual({ leads: 1, deals: 0, capped: false });
  });

  it("counts one channel's late leads and deals by that channel's open records", async () => {
    const owner = await memberActor(h.db, 'owner');
    const anna = await memberActor(h.db, 'manager', 'Anna');
    const partnerDeal = await addDeal(h.db, { assigneeId: anna.id, stage: 'negotiation', channel: 'partner' });
    await addActivity(h.db, { dealId: partnerDeal, assigneeId: anna.id, dueAt: ago(3) });
    const formDeal = await addDeal(h.db, { assigneeId: anna.id, stage: 'proposal', channel: 'site_form' });
    await addActivity(h.db, { dealId: formDeal, assigneeId: anna.id, dueAt: ago(3) });
    const lostPartner = await addDeal(h.db, { assigneeId: anna.id, stage: 'lost', channel: 'partner' });
    await addActivity(h.db, { dealId: lostPartner, assigneeId: anna.id, dueAt: ago(3) });
    const partnerLead = await addLead(h.db, { assigneeId: anna.id, status: 'in_progress', channel: 'partner' });
    await addActivity(h.db, { leadId: partnerLead, assigneeId: anna.id, dueAt: ago(2) });

    const ctx = coreContext(h.db, { actor: owner, clock });
    const period = { from: ago(30), to: clock.now() };
    expect((await buildDashboard(ctx, { ...period, channel: 'partner' })).forgotten).toEqual({ leads: 1, deals: 1, capped: false });
    expect((await buildDashboard(ctx, { ...period, channel: 'site_form', managerId: anna.id })).forgotten).toEqual({
      leads: 0,
      deals: 1,
      capped: false,
    });
  });
});
