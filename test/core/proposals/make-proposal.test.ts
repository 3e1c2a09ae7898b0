import { describe, expect, it } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import { activities, deals, history, members } from '../../../db/schema/index.js';
import { changeDealStage } from '../../../src/core/deals/change-deal-stage.js';
import { addDealItem } from '../../../src/core/deals/deal-items.js';
import { isCrmError } from '../../../src/core/shared/errors.js';
import { makeProposal } from '../../../src/core/proposals/make-proposal.js';
import { setDealLanguage } from '../../../src/core/deals/set-deal-language.js';
import { getSellerDetails, setSellerDetails } from '../../../src/core/proposals/seller-details.js';
import { nodeFonts } from '../../../src/entry/node-fonts.js';
import { coreContext } from '../../helpers/context.js';
import { useFreshDb } from '../../helpers/db.js';
import { dealFor, memberActor } from '../../helpers/deal-fixtures.js';
import { pdfText } from '../../helpers/pdf-text.js';

describe('makeProposal', () => {
  const h = useFreshDb({ now: '2026-11-27T10:00:00Z' });

  const openSteps = (dealId: string) =>
    h.db.select().from(activities).where(and(eq(activities.dealId, dealId), isNull(activities.doneAt)));

  it('renders the PDF, moves the deal to proposal, records it and plans the follow-up', async () => {
    const owner = await memberActor(h.db, 'owner', 'Ольга');
    await setSellerDetails(h.ctx(owner), { name: 'Веб-студия «Пиксель»', taxId: '7700000000', proposalValidDays: 10 });
    const anna = await memberActor(h.db, 'manager', 'Анна Смирнова');
    await h.db.update(members).set({ phone: '+79160000001', username: 'anna' }).where(eq(members.id, anna.id));
    const { ctx, dealId } = await dealFor(h.db, anna, h.clock, { name: 'Иван Петров', companyName: 'ООО «Ромашка»' });
    await addDealItem(ctx, { dealId, name: 'Разработка сайта', price: 15_000_000 });
    await addDealItem(ctx, { dealId, name: 'SEO-продвижение', quantity: 3, price: 3_000_000 });
    // The first-contact call moved from the lead is due in minutes: sooner than the follow-up, but it is
    // not a follow-up of the proposal, so close it to see the follow-up planned.
    await h.db.update(activities).set({ doneAt: h.clock.now() }).where(eq(activities.dealId, dealId));
    await changeDealStage(ctx, { dealId, stage: 'clarifying', next: { dueAt: new Date('2026-12-10T09:00:00Z') } });

    const result = await makeProposal(ctx, { dealId }, nodeFonts);
    expect(result).toMatchObject({ number: '1/1', fileName: 'proposal-1-1.pdf', total: 24_000_000, language: 'ru', stageChanged: true });
    expect(result.followUp?.dueAt.toISOString()).toBe('2026-11-29T10:00:00.000Z');

    const text = await pdfText(result.bytes);
    for (const s of ['Коммерческое предложение', '№ 1/1 от 27.11.2026', 'Иван Петров', 'Тел.: +7 999 123-45-67', 'ООО «Ромашка»', 'Разработка сайта', 'SEO-продвижение', '240 000,00 ₽', 'Веб-студия «Пиксель»', 'ИНН: 7700000000', 'Анна Смирнова', '+7 916 000-00-01', 'до 07.12.2026']) {
      expect(text).toContain(s);
    }
    expect((await h.db.select().from(deals))[0]?.stage).toBe('proposal');
    const steps = await openSteps(dealId);
    expect(steps.map((s) => [s.subject, s.dueAt.toISOString()]).sort()).toEqual([
      ['deal_next_step', '2026-12-10T09:00:00.000Z'],
      ['proposal_follow_up', '2026-11-29T10:00:00.000Z'],
    ]);
    const [sent] = await h.db.select().from(history).where(and(eq(history.entityId, dealId), eq(history.action, 'proposal_sent')));
    expect(sent?.changes).toMatchObject({ number: '1/1', language: 'ru', total: 24_000_000, currency: 'RUB', stage: ['clarifying', 'proposal'] });

    // A second proposal gets the next number, and the follow-up already planned is soon enough.
    // The client reads English: the deal says so, and the proposal follows the deal.
    h.clock.advance(3_600_000);
    await setDealLanguage(ctx, { dealId, language: 'en' });
    const again = await makeProposal(ctx, { dealId }, nodeFonts);
    expect(again).toMatchObject({ number: '1/2', language: 'en', stageChanged: false, followUp: null });
    expect(await openSteps(dealId)).toHaveLength(2);
    const english = await pdfText(again.bytes);
    for (const s of ['Commercial proposal', 'No. 1/2 of 27 Nov 2026', 'This proposal is valid until 7 Dec 2026']) expect(english).toContain(s);
  });

  it('keeps a later stage and refuses a deal without line items', async () => {
    const anna = await memberActor(h.db);
    const { ctx, dealId } = await dealFor(h.db, anna, h.clock);
    await expect(makeProposal(ctx, { dealId }, nodeFonts)).rejects.toSatisfy((e) => isCrmError(e, 'RULE') && e.details.rule === 'proposal_needs_items');
    await addDealItem(ctx, { dealId, name: 'Лендинг', price: 4_500_000 });
    await changeDealStage(ctx, { dealId, stage: 'negotiation' });
    const result = await makeProposal(ctx, { dealId }, nodeFonts);
    expect(result.stageChanged).toBe(false);
    expect((await h.db.select().from(deals))[0]?.stage).toBe('negotiation');
    // The lead's first-contact call (due in 15 minutes) is sooner than two days: no second step.
    expect(result.followUp).toBeNull();
  });

  it('plans the follow-up when the only sooner step is overdue (a first-contact call carried over from the lead)', async () => {
    const anna = await memberActor(h.db);
    const { ctx, dealId } = await dealFor(h.db, anna, h.clock);
    await addDealItem(ctx, { dealId, name: 'Лендинг', price: 4_500_000 });
    const [carried] = await openSteps(dealId);
    // A day later the first-contact call (due 15 minutes after the lead came) was never logged.
    h.clock.advance(86_400_000);
    expect(carried!.dueAt.getTime()).toBeLessThan(h.clock.now().getTime());
    const result = await makeProposal(ctx, { dealId }, nodeFonts);
    expect(result.followUp?.dueAt.toISOString()).toBe('2026-11-30T10:00:00.000Z');
    const steps = await openSteps(dealId);
    expect(steps.map((s) => s.subject).sort()).toEqual([carried!.subject, 'proposal_follow_up'].sort());
    // The follow-up just planned is ahead and sooner than a new one would be: the next proposal plans none.
    h.clock.advance(3_600_000);
    expect((await makeProposal(ctx, { dealId }, nodeFonts)).followUp).toBeNull();
  });

  it('has seller defaults and lets only the owner change them', async () => {
    const head = await memberActor(h.db, 'head');
    expect(await getSellerDetails(coreContext(h.db))).toMatchObject({ name: 'Our company', proposalValidDays: 14 });
    await expect(setSellerDetails(h.ctx(head), { name: 'X' })).rejects.toSatisfy((e) => isCrmError(e, 'FORBIDDEN'));
  });
});
