import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { history } from '../../../db/schema/index.js';
import { addDealNote } from '../../../src/core/deals/add-deal-note.js';
import { NOTE_MAX as DEAL_NOTE_MAX } from '../../../src/core/shared/note-text.js';
import { systemActor } from '../../../src/core/shared/context.js';
import { dealHistory } from '../../../src/core/deals/deal-history.js';
import { isCrmError } from '../../../src/core/shared/errors.js';
import { loseDeal } from '../../../src/core/deals/lose-deal.js';
import { winDeal } from '../../../src/core/deals/win-deal.js';
import { useFreshDb } from '../../helpers/db.js';
import { dealFor, memberActor } from '../../helpers/deal-fixtures.js';

describe('addDealNote', () => {
  const h = useFreshDb({ now: '2026-11-27T10:00:00Z' });

  const notesOf = (dealId: string) =>
    h.db.select().from(history).where(and(eq(history.entityType, 'deal'), eq(history.entityId, dealId), eq(history.action, 'note')));
  const code = (c: string) => (e: unknown) => isCrmError(e) && e.code === c;

  it('writes a trimmed note as a deal history line by the member; a long one is cut with "…"', async () => {
    const anna = await memberActor(h.db, 'manager', 'Anna');
    const { ctx, dealId } = await dealFor(h.db, anna, h.clock);
    const saved = await addDealNote(ctx, dealId, '  Просят разбить счёт на два  ');
    expect(saved).toMatchObject({ dealId, number: 1, text: 'Просят разбить счёт на два' });
    const [line] = await notesOf(dealId);
    expect(line).toMatchObject({ entityType: 'deal', action: 'note', actorKind: 'member', actorId: anna.id, actorLabel: 'Anna', changes: { text: 'Просят разбить счёт на два' } });
    expect(line?.createdAt.getTime()).toBe(h.clock.now().getTime());

    const long = await addDealNote(ctx, dealId, 'x'.repeat(DEAL_NOTE_MAX + 500));
    expect(long.text).toHaveLength(DEAL_NOTE_MAX);
    expect(long.text.endsWith('x…')).toBe(true);
    const exact = await addDealNote(ctx, dealId, 'y'.repeat(DEAL_NOTE_MAX));
    expect(exact.text).toBe('y'.repeat(DEAL_NOTE_MAX));

    await expect(addDealNote(ctx, dealId, '   \n ')).rejects.toSatisfy(code('VALIDATION'));
    expect(await notesOf(dealId)).toHaveLength(3);
  });

  it('follows deal visibility: a colleague manager is refused, heads and the owner are not, an unknown deal is not found', async () => {
    const anna = await memberActor(h.db, 'manager', 'Anna');
    const boris = await memberActor(h.db, 'manager', 'Boris');
    const head = await memberActor(h.db, 'head', 'Hanna');
    const owner = await memberActor(h.db, 'owner', 'Olga');
    const { dealId } = await dealFor(h.db, anna, h.clock);
    await expect(addDealNote(h.ctx(boris), dealId, 'mine now')).rejects.toSatisfy(code('FORBIDDEN'));
    await addDealNote(h.ctx(head), dealId, 'from the head');
    await addDealNote(h.ctx(owner), dealId, 'from the owner');
    expect((await notesOf(dealId)).map((n) => n.actorLabel).sort()).toEqual(['Hanna', 'Olga']);
    // Notes are people's words: a job or an import has none to add.
    await expect(addDealNote(h.ctx(systemActor), dealId, 'x')).rejects.toSatisfy(code('FORBIDDEN'));
    await expect(addDealNote(h.ctx(anna), '00000000-0000-7000-8000-000000000000', 'x')).rejects.toSatisfy(code('NOT_FOUND'));
  });

  it('takes notes on won and lost deals, and they join the paged timeline newest first', async () => {
    const anna = await memberActor(h.db, 'manager', 'Anna');
    const won = await dealFor(h.db, anna, h.clock);
    await winDeal(won.ctx, { dealId: won.dealId, amount: 100_00 });
    h.clock.advance(60_000);
    await addDealNote(won.ctx, won.dealId, 'Оплатили второй счёт');
    const lost = await dealFor(h.db, anna, h.clock, { phone: '+7 999 765-43-21', name: 'Пётр' });
    await loseDeal(lost.ctx, { dealId: lost.dealId, reason: 'price' });
    // Long after the lost note's window: a plain note is still welcome.
    h.clock.advance(30 * 24 * 3600_000);
    await addDealNote(lost.ctx, lost.dealId, 'Вернулись через месяц');

    const page = await dealHistory(won.ctx, won.dealId, { limit: 2 });
    expect(page.deal.number).toBe(1);
    expect(page.items.map((r) => r.action)).toEqual(['note', 'won']);
    expect(page.total).toBeGreaterThan(2);
    const rest = await dealHistory(won.ctx, won.dealId, { offset: 2, limit: 50 });
    expect(rest.items.length).toBe(page.total - 2);
    expect((await notesOf(lost.dealId))[0]?.changes).toEqual({ text: 'Вернулись через месяц' });
    await expect(dealHistory(h.ctx(await memberActor(h.db, 'manager', 'Boris')), won.dealId)).rejects.toSatisfy(code('FORBIDDEN'));
  });
});
