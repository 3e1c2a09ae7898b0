import { Composer, InlineKeyboard } from 'grammy';
import { addDealItem, getDealItem, removeDealItem, updateDealItem } from '../../src/core/deals/deal-items.js';
import { getDealCard } from '../../src/core/deals/get-deal-card.js';
import { listProducts } from '../../src/core/products/list-products.js';
import { uuidOfCompact } from '../compact-id.js';
import type { BotContext } from '../context.js';
import { dcb, dpattern } from '../deal-callback-data.js';
import { awaitingDeal, parseQuantityAndPrice } from '../deal-input.js';
import { showDeal, withBack } from '../deal-reply.js';
import { ack } from '../lead-reply.js';
import { money } from '../money.js';
import { addPager, pageOf } from '../paging.js';
import { awaitTypedInput } from '../typed-input.js';

/** Line items from the deal card: Products → tap a catalogue entry (adds one at the list price) or an item to change it. */
export const dealItemsFeature = new Composer<BotContext>();

dealItemsFeature.callbackQuery([dpattern.items, dpattern.itemsPage], async (ctx) => {
  const dealId = ctx.match[1]!;
  await showItems(ctx, dealId, Number(ctx.match[2] ?? 0));
});

dealItemsFeature.callbackQuery(dpattern.addItem, async (ctx) => {
  const dealId = uuidOfCompact(ctx.match[1]!);
  const productId = uuidOfCompact(ctx.match[2]!);
  await addDealItem(ctx.crm.core(), { dealId, productId });
  const card = await getDealCard(ctx.crm.core(), dealId, { historyLines: 0 });
  await ack(ctx, ctx.crm.t.items.added({ name: card.items.at(-1)?.name ?? '' }));
  await showItems(ctx, dealId, Number(ctx.match[3] ?? 0));
});

dealItemsFeature.callbackQuery(dpattern.item, async (ctx) => {
  const itemId = ctx.match[1]!;
  const { t } = ctx.crm;
  const dealId = await dealOfItem(ctx, itemId);
  const kb = new InlineKeyboard().text(t.dealButtons.remove, dcb.removeItem(itemId));
  awaitTypedInput(ctx.session, { dealInput: { kind: 'item_edit', itemId, dealId } });
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

/**
 * The deal's lines (tap to change) then the catalogue (tap to add), a page of buttons at a time:
 * a catalogue of a few hundred products would pass Telegram's 100 buttons per keyboard.
 */
async function showItems(ctx: BotContext, dealId: string, page = 0): Promise<void> {
  const { t } = ctx.crm;
  const core = ctx.crm.core();
  const card = await getDealCard(core, dealId, { historyLines: 0 });
  const catalogue = await listProducts(core);
  const buttons = [
    ...card.items.map((item) => ({ label: `✏️ ${item.name} × ${item.quantity}`, data: () => dcb.item(item.id) })),
    ...catalogue.map((product) => ({
      label: t.items.add({ name: product.name, price: money(product.price, product.currency, t) }),
      data: (at: number) => dcb.addItem(dealId, product.id, at),
    })),
  ];
  const shown = pageOf(buttons, page);
  const kb = new InlineKeyboard();
  for (const b of shown.items) kb.text(b.label, b.data(shown.page)).row();
  addPager(kb, t, shown, (at) => (at === 0 ? dcb.items(dealId) : dcb.itemsPage(dealId, at)));
  const title = t.items.title({ number: card.deal.number });
  const footer = catalogue.length === 0 ? t.items.emptyCatalogue : shown.pages > 1 ? `${title} (${shown.page + 1}/${shown.pages})` : title;
  await showDeal(ctx, dealId, { edit: true, keyboard: withBack(kb, ctx, dealId), footer });
}

async function dealOfItem(ctx: BotContext, itemId: string): Promise<string> {
  return (await getDealItem(ctx.crm.core(), itemId)).dealId;
}
