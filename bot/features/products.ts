import { Composer, InlineKeyboard } from 'grammy';
import { addProduct } from '../../src/core/products/add-product.js';
import { listProducts } from '../../src/core/products/list-products.js';
import { loadProduct } from '../../src/core/products/product-access.js';
import { seedExampleProducts, shouldOfferExampleProducts } from '../../src/core/products/seed-example-products.js';
import { updateProduct } from '../../src/core/products/update-product.js';
import type { BotContext } from '../context.js';
import { dcb, dpattern } from '../deal-callback-data.js';
import { awaitingDeal, parseMoney } from '../deal-input.js';
import { ack } from '../lead-reply.js';
import { money } from '../money.js';
import { pageOf, addPager } from '../paging.js';
import { awaitTypedInput } from '../typed-input.js';

/**
 * /products for the owner: the catalogue as buttons, a product's menu (price, archive), adding one
 * as "name; price; unit", and on an empty catalogue the offer of a web studio's example products.
 */
export const productsFeature = new Composer<BotContext>();
const p = productsFeature.chatType('private');

const isOwner = (ctx: BotContext) => ctx.crm.member?.role === 'owner';

p.command('products', async (ctx) => {
  if (!isOwner(ctx)) return void (await ctx.reply(ctx.crm.t.products.ownerOnly));
  await showCatalogue(ctx, false);
});

productsFeature.callbackQuery(dpattern.products, async (ctx) => {
  await showCatalogue(ctx, true, Number(ctx.match[1] ?? 0));
});

productsFeature.callbackQuery(dpattern.productSeed, async (ctx) => {
  const { added } = await seedExampleProducts(ctx.crm.core(), ctx.crm.lang);
  await ack(ctx, ctx.crm.t.products.seeded({ count: added }));
  await showCatalogue(ctx, true);
});

productsFeature.callbackQuery(dpattern.product, async (ctx) => {
  const productId = ctx.match[1]!;
  const { t } = ctx.crm;
  const product = await loadProduct(ctx.crm.core(), productId);
  const kb = new InlineKeyboard()
    .text(t.products.price, dcb.productPrice(productId))
    .text(t.products.archive, dcb.productArchive(productId))
    .row()
    .text(t.buttons.cancel, dcb.products());
  const line = t.products.line({ name: product.name, price: money(product.price, product.currency, t), unit: product.unit ?? '' });
  await ctx.editMessageText(line, { reply_markup: kb });
});

productsFeature.callbackQuery(dpattern.productPrice, async (ctx) => {
  const productId = ctx.match[1]!;
  const product = await loadProduct(ctx.crm.core(), productId);
  awaitTypedInput(ctx.session, { dealInput: { kind: 'product_price', productId } });
  await ctx.reply(ctx.crm.t.products.askPrice({ name: product.name }));
});

productsFeature.callbackQuery(dpattern.productArchive, async (ctx) => {
  const productId = ctx.match[1]!;
  const core = ctx.crm.core();
  const product = await loadProduct(core, productId);
  await updateProduct(core, { productId, archived: true });
  await ack(ctx, ctx.crm.t.products.archived({ name: product.name }));
  await showCatalogue(ctx, true);
});

productsFeature.callbackQuery(dpattern.productNew, async (ctx) => {
  awaitTypedInput(ctx.session, { dealInput: { kind: 'product_new' } });
  await ctx.reply(ctx.crm.t.products.askNew);
});

p.on('message:text').filter(awaitingDeal('product_price'), async (ctx) => {
  const input = ctx.session.dealInput;
  if (input?.kind !== 'product_price') return;
  const { t } = ctx.crm;
  const price = parseMoney(ctx.message.text);
  if (price === null) return void (await ctx.reply(t.deal.badAmount));
  await updateProduct(ctx.crm.core(), { productId: input.productId, price });
  delete ctx.session.dealInput;
  const product = await loadProduct(ctx.crm.core(), input.productId);
  await ctx.reply(t.products.priceSaved({ name: product.name, price: money(price, product.currency, t) }));
  await showCatalogue(ctx, false);
});

p.on('message:text').filter(awaitingDeal('product_new'), async (ctx) => {
  const { t } = ctx.crm;
  const [name, priceText, unit] = ctx.message.text.split(/[;\n]/).map((s) => s.trim());
  const price = priceText ? parseMoney(priceText) : null;
  if (!name || price === null) return void (await ctx.reply(t.products.badNew));
  await addProduct(ctx.crm.core(), { name, price, ...(unit ? { unit } : {}) });
  delete ctx.session.dealInput;
  await ctx.reply(t.products.added({ name }));
  await showCatalogue(ctx, false);
});

/** The catalogue a page at a time (Telegram takes at most 100 buttons per keyboard), with Add under it. */
async function showCatalogue(ctx: BotContext, edit: boolean, page = 0): Promise<void> {
  const { t } = ctx.crm;
  const core = ctx.crm.core();
  if (await shouldOfferExampleProducts(core)) {
    const kb = new InlineKeyboard().text(t.products.seed, dcb.productSeed()).row().text(t.products.add, dcb.productNew());
    return void (await ctx.reply(t.products.offerExamples, { reply_markup: kb }));
  }
  const kb = new InlineKeyboard();
  const shown = pageOf(await listProducts(core), page);
  for (const product of shown.items) {
    kb.text(t.products.line({ name: product.name, price: money(product.price, product.currency, t), unit: product.unit ?? '' }), dcb.product(product.id)).row();
  }
  addPager(kb, t, shown, (at) => dcb.products(at));
  kb.text(t.products.add, dcb.productNew());
  const title = shown.pages > 1 ? `${t.products.title} (${shown.page + 1}/${shown.pages})` : t.products.title;
  if (edit && ctx.callbackQuery?.message) await ctx.editMessageText(title, { reply_markup: kb }).catch(() => ctx.reply(title, { reply_markup: kb }));
  else await ctx.reply(title, { reply_markup: kb });
}
