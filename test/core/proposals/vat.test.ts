import { describe, expect, it } from 'vitest';
import { history } from '../../../db/schema/index.js';
import { isCrmError } from '../../../src/core/shared/errors.js';
import { vatTotals } from '../../../src/core/proposals/vat.js';
import { getVatSetting, setVatSetting } from '../../../src/core/proposals/vat-settings.js';
import { useFreshDb } from '../../helpers/db.js';
import { memberActor } from '../../helpers/deal-fixtures.js';

describe('VAT of a proposal, in kopecks', () => {
  it('no VAT: the client pays the lines', () => {
    expect(vatTotals(24_000_000, { mode: 'none', rate: 22 })).toEqual({ mode: 'none', rate: 22, itemsTotal: 24_000_000, vat: null, payable: 24_000_000 });
  });

  it('included: 240 000 ₽ holds 43 278,69 ₽ of VAT at 22% (240 000 × 22 / 122, half up)', () => {
    expect(vatTotals(24_000_000, { mode: 'included', rate: 22 })).toMatchObject({ vat: 4_327_869, payable: 24_000_000 });
    // 100,00 ₽ at 20%: 16,666… → 16,67; at 10%: 9,0909… → 9,09.
    expect(vatTotals(10_000, { mode: 'included', rate: 20 }).vat).toBe(1_667);
    expect(vatTotals(10_000, { mode: 'included', rate: 10 }).vat).toBe(909);
  });

  it('on top: 22% of 240 000 ₽ is 52 800 ₽, the client pays 292 800 ₽; a half kopeck rounds up', () => {
    expect(vatTotals(24_000_000, { mode: 'on_top', rate: 22 })).toMatchObject({ vat: 5_280_000, payable: 29_280_000 });
    // 0,50 ₽ × 7,5% = 3,75 kopecks → 4; 0,10 ₽ × 5% = 0,5 kopeck → 1.
    expect(vatTotals(50, { mode: 'on_top', rate: 7.5 }).vat).toBe(4);
    expect(vatTotals(10, { mode: 'on_top', rate: 5 }).vat).toBe(1);
  });

  it('stays exact past 2⁵³ intermediate products', () => {
    const total = 99_999_999_999 * 60_000;
    // 5 999 999 999 940 000 × 2200 / 12200 = 1 081 967 213 103 934,43 → …934 (the product is ~1.3·10¹⁹).
    expect(vatTotals(total, { mode: 'included', rate: 22 }).vat).toBe(1_081_967_213_103_934);
  });
});

describe('the VAT setting', () => {
  const h = useFreshDb();

  it('defaults to no VAT at 22%, the owner changes mode and rate, each change in history', async () => {
    const owner = await memberActor(h.db, 'owner', 'Ольга');
    const ctx = h.ctx(owner);
    expect(await getVatSetting(ctx)).toEqual({ mode: 'none', rate: 22 });
    expect(await setVatSetting(ctx, { mode: 'included' })).toEqual({ mode: 'included', rate: 22 });
    expect(await setVatSetting(ctx, { rate: 7.5 })).toEqual({ mode: 'included', rate: 7.5 });
    expect(await setVatSetting(ctx, { rate: 7.5 })).toEqual({ mode: 'included', rate: 7.5 });
    expect(await getVatSetting(ctx)).toEqual({ mode: 'included', rate: 7.5 });
    const lines = (await h.db.select().from(history)).filter((l) => l.action === 'seller_details_changed');
    expect(lines.map((l) => l.changes)).toEqual([
      { vat: [{ mode: 'none', rate: 22 }, { mode: 'included', rate: 22 }] },
      { vat: [{ mode: 'included', rate: 22 }, { mode: 'included', rate: 7.5 }] },
    ]);
  });

  it('refuses a rate outside 0–100% or finer than a hundredth, and anyone but the owner', async () => {
    const owner = await memberActor(h.db, 'owner');
    const ctx = h.ctx(owner);
    for (const rate of [0, 100, -5, 150, 22.125]) {
      await expect(setVatSetting(ctx, { rate })).rejects.toSatisfy((e) => isCrmError(e, 'VALIDATION'));
    }
    const head = await memberActor(h.db, 'head');
    await expect(setVatSetting(h.ctx(head), { mode: 'on_top' })).rejects.toSatisfy((e) => isCrmError(e, 'FORBIDDEN'));
    expect(await getVatSetting(ctx)).toEqual({ mode: 'none', rate: 22 });
  });
});
