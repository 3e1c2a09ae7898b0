import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { EXACT_ORDER_MAX } from '../../../src/core/deals/board-cards.js';
import { getDealBoard } from '../../../src/core/deals/get-deal-board.js';
import { isCrmError } from '../../../src/core/shared/errors.js';
import { useFreshDb } from '../../helpers/db.js';
import { memberActor } from '../../helpers/deal-fixtures.js';
import { addActivity, addDeal } from '../../helpers/seed.js';

const DAY = 86_400_000;
const titles = (cards: { title: string }[]) => cards.map((c) => c.title);

describe('deal board: pages of cards per column', () => {
  const h = useFreshDb({ now: '2026-11-27T10:00:00Z' });
  const at = (days: number) => new Date(h.clock.now().getTime() + days * DAY);

  it('a small column: deals with no next step first, then the soonest step; "show more" pages on with exact totals', async () => {
    const owner = await memberActor(h.db, 'owner');
    const anna = await memberActor(h.db, 'manager', 'Anna');
    for (let i = 0; i < 45; i++) {
      const deal = await addDeal(h.db, { title: `Step in ${i + 1} days`, stage: 'proposal', amount: 100, assigneeId: anna.id });
      await addActivity(h.db, { dealId: deal, assigneeId: anna.id, dueAt: at(i + 1) });
    }
    const late = await addDeal(h.db, { title: 'Late', stage: 'proposal', amount: 100, assigneeId: anna.id });
    await addActivity(h.db, { dealId: late, assigneeId: anna.id, dueAt: at(-2) });
    await addDeal(h.db, { title: 'No step', stage: 'proposal', amount: 100, assigneeId: anna.id });

    const board = await getDealBoard(h.ctx(owner));
    const proposal = board.columns.find((c) => c.stage === 'proposal')!;
    expect(proposal).toMatchObject({ count: 47, amount: 4700 });
    expect(proposal.cards).toHaveLength(20);
    expect(titles(proposal.cards).slice(0, 3)).toEqual(['No step', 'Late', 'Step in 1 days']);
    expect(proposal.cards.slice(0, 2).map((c) => c.overdue)).toEqual([true, true]);

    const more = await getDealBoard(h.ctx(anna), { stage: 'proposal', offset: 40 });
    expect(more.columns).toHaveLength(1);
    expect(more.columns[0]).toMatchObject({ stage: 'proposal', count: 47 });
    expect(titles(more.columns[0]!.cards)).toEqual([38, 39, 40, 41, 42, 43, 44, 45].map((d) => `Step in ${d} days`).slice(1));
  });

  it(`a column over ${EXACT_ORDER_MAX} deals is read soonest step first from the open steps, in pages, within the manager's scope`, async () => {
    const owner = await memberActor(h.db, 'owner');
    const anna = await memberActor(h.db, 'manager', 'Anna');
    const boris = await memberActor(h.db, 'manager', 'Boris');
    // Bulk rows the way the benchmark seeds them: one statement, deals alternating between Anna and Boris,
    // each with one open step i hours from now (deal 1 is the soonest).
    const n = EXACT_ORDER_MAX + 100;
    const now = h.clock.now().getTime();
    await h.db.run(sql`WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ${n})
      INSERT INTO deals (id, number, title, stage, amount, currency, amount_manual, assignee_id, created_at, updated_at)
      SELECT 'bulk-' || i, 100000 + i, 'Bulk ' || i, 'negotiation', 10, 'RUB', 0,
        CASE i % 2 WHEN 0 THEN ${anna.id} ELSE ${boris.id} END, ${now}, ${now} FROM s`);
    await h.db.run(sql`INSERT INTO activities (id, kind, subject, due_at, assignee_id, deal_id, created_at, updated_at)
      SELECT 'step-' || number, 'call', 'follow_up', ${now} + (number - 100000) * 3600000, assignee_id, id, ${now}, ${now}
      FROM deals WHERE id LIKE 'bulk-%'`);
    // A second, later step on the soonest deal: the card still shows once, with its soonest step.
    await addActivity(h.db, { dealId: 'bulk-1', assigneeId: boris.id, dueAt: at(400), subject: 'later' });

    const all = await getDealBoard(h.ctx(owner));
    const column = all.columns.find((c) => c.stage === 'negotiation')!;
    expect(column).toMatchObject({ count: n, amount: n * 10 });
    expect(titles(column.cards)).toEqual(Array.from({ length: 20 }, (_, i) => `Bulk ${i + 1}`));
    expect(column.cards[0]!.next).toMatchObject({ kind: 'call', subject: 'follow_up' });

    const annaFirst = await getDealBoard(h.ctx(anna));
    const annas = annaFirst.columns.find((c) => c.stage === 'negotiation')!;
    expect(annas.count).toBe(n / 2);
    expect(titles(annas.cards).slice(0, 3)).toEqual(['Bulk 2', 'Bulk 4', 'Bulk 6']);
    expect(annas.cards.every((c) => c.assigneeId === anna.id)).toBe(true);

    const page3 = await getDealBoard(h.ctx(anna), { stage: 'negotiation', offset: 80 });
    expect(titles(page3.columns[0]!.cards).slice(0, 2)).toEqual(['Bulk 162', 'Bulk 164']);
  });

  it("refuses an unknown stage and a colleague's board", async () => {
    const anna = await memberActor(h.db, 'manager', 'Anna');
    const boris = await memberActor(h.db, 'manager', 'Boris');
    const ctx = h.ctx(anna);
    await expect(getDealBoard(ctx, { stage: 'won' as never })).rejects.toSatisfy((e) => isCrmError(e, 'VALIDATION'));
    await expect(getDealBoard(ctx, { managerId: boris.id })).rejects.toSatisfy((e) => isCrmError(e, 'FORBIDDEN'));
  });
});
