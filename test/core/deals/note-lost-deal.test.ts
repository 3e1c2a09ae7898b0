import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { deals, history } from '../../../db/schema/index.js';
import { isCrmError } from '../../../src/core/shared/errors.js';
import { loseDeal } from '../../../src/core/deals/lose-deal.js';
import { LOST_NOTE_WINDOW_MS, noteLostDeal } from '../../../src/core/deals/note-lost-deal.js';
import { useFreshDb } from '../../helpers/db.js';
import { dealFor, memberActor } from '../../helpers/deal-fixtures.js';

describe('noteLostDeal', () => {
  const h = useFreshDb({ now: '2026-11-27T10:00:00Z' });

  const rule = (name: string) => (e: unknown) => isCrmError(e, 'RULE') && e.details.rule === name;

  it('keeps the note of a fresh loss with a history line; refuses an open deal, a late note and another manager', async () => {
    const anna = await memberActor(h.db, 'manager', 'Anna');
    const boris = await memberActor(h.db, 'manager', 'Boris');
    const { ctx, dealId } = await dealFor(h.db, anna, h.clock);
    await expect(noteLostDeal(ctx, { dealId, note: 'дорого' })).rejects.toSatisfy(rule('deal_not_lost'));

    await loseDeal(ctx, { dealId, reason: 'price' });
    h.clock.advance(60_000);
    await expect(noteLostDeal(h.ctx(boris), { dealId, note: 'x' })).rejects.toSatisfy((e) => isCrmError(e, 'FORBIDDEN'));
    await noteLostDeal(ctx, { dealId, note: '  Нашли дешевле у фрилансера  ' });
    const [deal] = await h.db.select().from(deals).where(eq(deals.id, dealId));
    expect(deal).toMatchObject({ stage: 'lost', lostReason: 'price', lostNote: 'Нашли дешевле у фрилансера' });
    const [line] = await h.db.select().from(history).where(and(eq(history.entityId, dealId), eq(history.action, 'lost_note')));
    expect(line?.changes).toEqual({ lostNote: [null, 'Нашли дешевле у фрилансера'] });

    h.clock.advance(LOST_NOTE_WINDOW_MS);
    await expect(noteLostDeal(ctx, { dealId, note: 'later' })).rejects.toSatisfy(rule('lost_note_late'));
  });
});
