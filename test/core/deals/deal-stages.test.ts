import { describe, expect, it } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import { activities, deals, history } from '../../../db/schema/index.js';
import { changeDealStage } from '../../../src/core/deals/change-deal-stage.js';
import { isCrmError } from '../../../src/core/shared/errors.js';
import { getDealCard } from '../../../src/core/deals/get-deal-card.js';
import { listDeals } from '../../../src/core/deals/list-deals.js';
import { loseDeal } from '../../../src/core/deals/lose-deal.js';
import { updateDeal } from '../../../src/core/deals/update-deal.js';
import { winDeal } from '../../../src/core/deals/win-deal.js';
import { useFreshDb } from '../../helpers/db.js';
import { dealFor, memberActor } from '../../helpers/deal-fixtures.js';

describe('deal stages, won and lost', () => {
  const h = useFreshDb({ now: '2026-11-27T10:00:00Z' });

  const closeOpenSteps = (dealId: string) =>
    h.db.update(activities).set({ doneAt: h.clock.now() }).where(and(eq(activities.dealId, dealId), isNull(activities.doneAt)));

  it('refuses a stage change without a dated next step and allows it with one', async () => {
    const anna = await memberActor(h.db);
    const { ctx, dealId } = await dealFor(h.db, anna, h.clock);
    await closeOpenSteps(dealId);
    await expect(changeDealStage(ctx, { dealId, stage: 'clarifying' })).rejects.toSatisfy(
      (e) => isCrmError(e, 'RULE') && e.details.rule === 'next_activity_required',
    );
    expect((await h.db.select().from(deals))[0]?.stage).toBe('in_progress');

    const dueAt = new Date('2026-11-28T09:00:00Z');
    const moved = await changeDealStage(ctx, { dealId, stage: 'clarifying', next: { kind: 'call', dueAt } });
    expect(moved).toMatchObject({ from: 'in_progress', to: 'clarifying', changed: true, plannedNext: true });
    const open = await h.db.select().from(activities).where(and(eq(activities.dealId, dealId), isNull(activities.doneAt)));
    expect(open.map((a) => a.dueAt.toISOString())).toEqual([dueAt.toISOString()]);
    // With that step open, the next move needs no new one.
    await changeDealStage(ctx, { dealId, stage: 'negotiation' });
    const lines = await h.db.select().from(history).where(and(eq(history.entityId, dealId), eq(history.action, 'stage_changed')));
    expect(lines.map((l) => l.changes?.stage)).toEqual([
      ['in_progress', 'clarifying'],
      ['clarifying', 'negotiation'],
    ]);
  });

  it('refuses a next step in the past', async () => {
    const anna = await memberActor(h.db);
    const { ctx, dealId } = await dealFor(h.db, anna, h.clock);
    await expect(
      changeDealStage(ctx, { dealId, stage: 'proposal', next: { dueAt: new Date('2026-11-26T09:00:00Z') } }),
    ).rejects.toSatisfy((e) => isCrmError(e, 'RULE') && e.details.rule === 'next_activity_in_past');
  });

  it('wins with a confirmed amount, closing open activities, and records it', async () => {
    const anna = await memberActor(h.db);
    const { ctx, dealId } = await dealFor(h.db, anna, h.clock);
    h.clock.advance(3_600_000);
    await winDeal(ctx, { dealId, amount: 12_000_000 });
    const [deal] = await h.db.select().from(deals);
    expect(deal).toMatchObject({ stage: 'won', amount: 12_000_000, amountManual: true });
    expect(deal?.closedAt?.toISOString()).toBe('2026-11-27T11:00:00.000Z');
    const open = await h.db.select().from(activities).where(isNull(activities.doneAt));
    expect(open).toHaveLength(0);
    const [done] = await h.db.select().from(activities).where(eq(activities.dealId, dealId));
    expect(done?.result).toBe('deal_won');
    const [won] = await h.db.select().from(history).where(and(eq(history.entityId, dealId), eq(history.action, 'won')));
    expect(won?.changes).toMatchObject({ stage: ['in_progress', 'won'], amount: [0, 12_000_000], confirmedAmount: 12_000_000 });
    await expect(changeDealStage(ctx, { dealId, stage: 'closing' })).rejects.toSatisfy((e) => isCrmError(e, 'RULE') && e.details.rule === 'deal_closed');
  });

  it('loses with a reason from the list and a note', async () => {
    const anna = await memberActor(h.db);
    const { ctx, dealId } = await dealFor(h.db, anna, h.clock);
    await expect(loseDeal(ctx, { dealId, reason: 'weather' as never })).rejects.toSatisfy((e) => isCrmError(e, 'VALIDATION'));
    await loseDeal(ctx, { dealId, reason: 'competitor', note: 'Went to a cheaper studio' });
    const [deal] = await h.db.select().from(deals);
    expect(deal).toMatchObject({ stage: 'lost', lostReason: 'competitor', lostNote: 'Went to a cheaper studio' });
    const [lost] = await h.db.select().from(history).where(and(eq(history.entityId, dealId), eq(history.action, 'lost')));
    expect(lost?.changes).toMatchObject({ stage: ['in_progress', 'lost'], lostReason: [null, 'competitor'] });
    expect(await h.db.select().from(activities).where(isNull(activities.doneAt))).toHaveLength(0);
  });

  it('lists my open deals by next step, everyone with totals per stage for a head', async () => {
    const anna = await memberActor(h.db, 'manager', 'Anna');
    const boris = await memberActor(h.db, 'manager', 'Boris');
    const head = await memberActor(h.db, 'head', 'Helen');
    const a1 = await dealFor(h.db, anna, h.clock, { phone: '+79990000001' });
    const a2 = await dealFor(h.db, anna, h.clock, { phone: '+79990000002' });
    const b1 = await dealFor(h.db, boris, h.clock, { phone: '+79990000003' });
    await updateDeal(a1.ctx, { dealId: a1.dealId, amount: 100_000 });
    await updateDeal(b1.ctx, { dealId: b1.dealId, amount: 50_000 });
    // a2's step is sooner than a1's, so a2 comes first.
    await closeOpenSteps(a1.dealId);
    await changeDealStage(a1.ctx, { dealId: a1.dealId, stage: 'proposal', next: { dueAt: new Date('2026-12-05T09:00:00Z') } });

    const mine = await listDeals(h.ctx(anna));
    expect(mine.deals.map((d) => d.id)).toEqual([a2.dealId, a1.dealId]);
    expect(mine.deals[1]?.next?.dueAt.toISOString()).toBe('2026-12-05T09:00:00.000Z');

    const all = await listDeals(h.ctx(head));
    expect(all.deals).toHaveLength(3);
    expect(all.totals.find((t) => t.stage === 'in_progress')).toEqual({ stage: 'in_progress', count: 2, amount: 50_000 });
    expect(all.totals.find((t) => t.stage === 'proposal')).toEqual({ stage: 'proposal', count: 1, amount: 100_000 });
    expect(all.total).toEqual({ count: 3, amount: 150_000 });
    await expect(getDealCard(h.ctx(boris), a1.dealId)).rejects.toSatisfy((e) => isCrmError(e, 'FORBIDDEN'));
  });

  it('edits title, company and contact details from the deal card', async () => {
    const anna = await memberActor(h.db);
    const { ctx, dealId } = await dealFor(h.db, anna, h.clock);
    const result = await updateDeal(ctx, {
      dealId,
      title: 'Сайт для «Ромашки»',
      companyName: 'ООО Ромашка',
      contact: { email: 'IVAN@romashka.ru', phone: '8 916 000-00-01' },
    });
    expect(result.changed.sort()).toEqual(['companyId', 'contact.companyId', 'contact.email', 'contact.phone', 'title'].sort());
    const card = await getDealCard(ctx, dealId);
    expect(card.deal.title).toBe('Сайт для «Ромашки»');
    expect(card.company?.name).toBe('ООО Ромашка');
    expect(card.contact).toMatchObject({ email: 'ivan@romashka.ru', phone: '+79160000001', companyId: card.company?.id });
    expect(card.history[0]?.action).toBe('updated');
    await expect(updateDeal(ctx, { dealId, contact: { phone: 'not a phone' } })).rejects.toSatisfy((e) => isCrmError(e, 'VALIDATION'));
  });
});
