import { Composer, InlineKeyboard } from 'grammy';
import { addDealItem, getDealItem, removeDealItem, updateDealItem } from '../../src/core/deal-items.js';
import { getDealCard } from '../../src/core/get-deal-card.js';
import { listProducts } from '../../src/core/products/list-products.js';
import { uuidOfCompact } from '../compact-id.js';
import type { BotContext } from '../context.js';
import { dcb, dpattern } from '../deal-callback-data.js';
import { awaitingDeal, parseQuantityAndPrice } from '../deal-input.js';
import { showDeal, withBack } from '../deal-reply.js';
import { ack } from '../lead-reply.js';
import { money } from '../money.js';
import { awaitTypedInput } from '../typed-input.js';

/** Line items from the deal card: Products → tap a catalogue entry (adds one at the list price) or an item to change it. */
export const dealItemsFeature = new Composer<BotContext>();

dealItemsFeature.callbackQuery(dpattern.items, async (ctx) => {
  const dealId = ctx.match[1]!;
  await ack(ctx);
  await showItems(ctx, dealId);
});

dealItemsFeature.callbackQuery(dpattern.addItem, async (ctx) => {
  const dealId = uuidOfCompact(ctx.match[1]!);
  const productId = uuidOfCompact(ctx.match[2]!);
  await addDealItem(ctx.crm.core(), { dealId, productId });
  const card = await getDealCard(ctx.crm.core(), dealId, { historyLines: 0 });
  await ack(ctx, ctx.crm.t.items.added({ name: card.items.at(-1)?.name ?? '' }));
  await showItems(ctx, dealId);
});

dealItemsFeature.callbackQuery(dpattern.item, async (ctx) => {
  const itemId = ctx.match[1]!;
  const { t } = ctx.crm;
  const dealId = await dealOfItem(ctx, itemId);
  const kb = new InlineKeyboard().text(t.dealButtons.remove, dcb.removeItem(itemId));
  awaitTypedInput(ctx.session, { dealInput: { kind: 'item_edit', itemId, dealId } });
  await ack(ctx);
  await showDeal(ctx, dealId, { edit: true, keyboard: withBack(kb, ctx, dealId), footer: t.items.askEdit });
});

dealItemsFeature.callbackQuery(dpattern.removeItem, async (ctx) => {
  const itemId = ctx.match[1]!;
  const dealId = await dealOfItem(ctx, itemId);
  await removeDealItem(ctx.crm.core(), itemId);
  delete ctx.session.dealInput;
  await ack(ctx, ctx.crm.t.items.removed);
  await showItems(ctx, dealId);
});

dealItemsFeature.chatType('private').on('message:text').filter(awaitingDeal('item_edit'), async (ctx) => {
  const input = ctx.session.dealInput;
  if (input?.kind !== 'item_edit') return;
  const parsed = parseQuantityAndPrice(ctx.message.text);
  if (!parsed) return void (await ctx.reply(ctx.crm.t.items.badEdit));
  await updateDealItem(ctx.crm.core(), { itemId: input.itemId, ...parsed });
  delete ctx.session.dealInput;
  await showDeal(ctx, input.dealId, { footer: ctx.crm.t.deal.saved });
});

async function showItems(ctx: BotContext, dealId: string): Promise<void> {
  const { t } = ctx.crm;
  const core = ctx.crm.core();
  const card = await getDealCard(core, dealId, { historyLines: 0 });
  const kb = new InlineKeyboard();
  for (const item of card.items) kb.text(`✏️ ${item.name} × ${item.quantity}`, dcb.item(item.id)).row();
  const catalogue = await listProducts(core);
  for (const product of catalogue) kb.text(t.items.add({ name: product.name, price: money(product.price, product.currency, t) }), dcb.addItem(dealId, product.id)).row();
  const footer = catalogue.length === 0 ? t.items.emptyCatalogue : t.items.title({ number: card.deal.number });
  await showDeal(ctx, dealId, { edit: true, keyboard: withBack(kb, ctx, dealId), footer });
}

async function dealOfItem(ctx: BotContext, itemId: string): Promise<string> {
  return (await getDealItem(ctx.crm.core(), itemId)).dealId;
}
