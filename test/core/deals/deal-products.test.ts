import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { deals, history, products } from '../../../db/schema/index.js';
import { addDealItem, removeDealItem, updateDealItem } from '../../../src/core/deals/deal-items.js';
import { isCrmError } from '../../../src/core/shared/errors.js';
import { getDealCard } from '../../../src/core/deals/get-deal-card.js';
import { addProduct } from '../../../src/core/products/add-product.js';
import { listProducts } from '../../../src/core/products/list-products.js';
import { seedExampleProducts, shouldOfferExampleProducts } from '../../../src/core/products/seed-example-products.js';
import { archiveProduct, setProductPrice } from '../../../src/core/products/update-product.js';
import { updateDeal } from '../../../src/core/deals/update-deal.js';
import { useFreshDb } from '../../helpers/db.js';
import { dealFor, memberActor } from '../../helpers/deal-fixtures.js';

describe('products and deal line items', () => {
  const h = useFreshDb({ now: '2026-11-27T10:00:00Z' });

  const amountOf = async (dealId: string) => (await h.db.select().from(deals).where(eq(deals.id, dealId)))[0]!;

  it('lets only the owner manage the catalogue; seeds the examples once; archived products leave the list', async () => {
    const owner = await memberActor(h.db, 'owner');
    const manager = await memberActor(h.db, 'manager');
    const ownerCtx = h.ctx(owner);
    await expect(addProduct(h.ctx(manager), { name: 'X', price: 100 })).rejects.toSatisfy((e) => isCrmError(e, 'FORBIDDEN'));
    expect(await shouldOfferExampleProducts(ownerCtx)).toBe(true);
    expect(await seedExampleProducts(ownerCtx, 'ru')).toEqual({ added: 4 });
    expect(await seedExampleProducts(ownerCtx, 'ru')).toEqual({ added: 0 });
    const list = await listProducts(ownerCtx);
    expect(list.map((p) => p.name)).toContain('Разработка сайта');
    const seo = list.find((p) => p.name === 'SEO-продвижение')!;
    expect(seo).toMatchObject({ price: 3_000_000, currency: 'RUB', unit: 'месяц' });

    await setProductPrice(ownerCtx, seo.id, 3_500_000);
    await archiveProduct(ownerCtx, list.find((p) => p.name === 'Лендинг')!.id);
    const after = await listProducts(ownerCtx);
    expect(after.map((p) => p.name)).not.toContain('Лендинг');
    expect(after.find((p) => p.id === seo.id)?.price).toBe(3_500_000);
    expect(await listProducts(ownerCtx, { includeArchived: true })).toHaveLength(4);
    expect(await shouldOfferExampleProducts(ownerCtx)).toBe(false);
    const lines = await h.db.select().from(history).where(eq(history.entityId, seo.id));
    expect(lines.map((l) => l.action)).toEqual(['created', 'updated']);
  });

  it('keeps the deal amount equal to its line items until an amount is typed by hand', async () => {
    const owner = await memberActor(h.db, 'owner');
    const ownerCtx = h.ctx(owner);
    const site = await addProduct(ownerCtx, { name: 'Разработка сайта', price: 15_000_000 });
    const seo = await addProduct(ownerCtx, { name: 'SEO', price: 3_000_000, unit: 'месяц' });
    const anna = await memberActor(h.db);
    const { ctx, dealId } = await dealFor(h.db, anna, h.clock);

    await addDealItem(ctx, { dealId, productId: site.id });
    expect((await amountOf(dealId)).amount).toBe(15_000_000);
    const seoItem = await addDealItem(ctx, { dealId, productId: seo.id, quantity: 3, price: 2_500_000 });
    expect((await amountOf(dealId)).amount).toBe(22_500_000);
    await updateDealItem(ctx, { itemId: seoItem.itemId, quantity: 6 });
    expect((await amountOf(dealId)).amount).toBe(30_000_000);
    await addDealItem(ctx, { dealId, name: 'Хостинг', quantity: 0.5, price: 99_999 });
    expect((await amountOf(dealId)).amount).toBe(30_000_000 + 50_000);

    await updateDeal(ctx, { dealId, amount: 25_000_000 });
    await removeDealItem(ctx, seoItem.itemId);
    expect(await amountOf(dealId)).toMatchObject({ amount: 25_000_000, amountManual: true });

    // Handing the amount back to the items recomputes it at once.
    await updateDeal(ctx, { dealId, amount: null });
    expect(await amountOf(dealId)).toMatchObject({ amount: 15_050_000, amountManual: false });
    const card = await getDealCard(ctx, dealId);
    expect(card.items.map((i) => [i.name, i.total])).toEqual([
      ['Разработка сайта', 15_000_000],
      ['Хостинг', 50_000],
    ]);
    const itemLines = await h.db.select().from(history).where(and(eq(history.entityId, dealId)));
    expect(itemLines.map((l) => l.action)).toEqual(expect.arrayContaining(['item_added', 'item_changed', 'item_removed']));
  });

  it('refuses archived products and lines on closed deals', async () => {
    const owner = await memberActor(h.db, 'owner');
    const ownerCtx = h.ctx(owner);
    const old = await addProduct(ownerCtx, { name: 'Old', price: 100 });
    await archiveProduct(ownerCtx, old.id);
    const { ctx, dealId } = await dealFor(h.db, owner, h.clock);
    await expect(addDealItem(ctx, { dealId, productId: old.id })).rejects.toSatisfy((e) => isCrmError(e, 'RULE'));
    await h.db.update(deals).set({ stage: 'won' }).where(eq(deals.id, dealId));
    await expect(addDealItem(ctx, { dealId, name: 'Extra', price: 1 })).rejects.toSatisfy(
      (e) => isCrmError(e, 'RULE') && e.details.rule === 'deal_closed',
    );
    expect(await h.db.select().from(products)).toHaveLength(1);
  });
});
