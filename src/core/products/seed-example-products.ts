import { count } from 'drizzle-orm';
import { products } from '../../../db/schema/index.js';
import type { CoreContext } from '../shared/context.js';
import { insertProducts, productSchema, type ProductInput } from './add-product.js';
import { assertCatalogueOwner } from './product-access.js';

/**
 * A starter catalogue for a web studio (the business the CRM grew up in), so the first deal
 * can get line items in a minute. Offered once, while the catalogue is empty; each entry can be archived.
 */
export const EXAMPLE_PRODUCTS: Record<'ru' | 'en', ProductInput[]> = {
  ru: [
    { name: 'Разработка сайта', price: 15_000_000, unit: 'проект' },
    { name: 'Лендинг', price: 4_500_000, unit: 'проект' },
    { name: 'SEO-продвижение', price: 3_000_000, unit: 'месяц' },
    { name: 'Настройка контекстной рекламы', price: 2_000_000, unit: 'услуга' },
  ],
  en: [
    { name: 'Website development', price: 15_000_000, unit: 'project' },
    { name: 'Landing page', price: 4_500_000, unit: 'project' },
    { name: 'SEO (monthly)', price: 3_000_000, unit: 'month' },
    { name: 'Context advertising setup', price: 2_000_000, unit: 'service' },
  ],
};

/** True while no product was ever added (archived ones count): the bot offers the examples then. */
export async function shouldOfferExampleProducts(ctx: Pick<CoreContext, 'db'>): Promise<boolean> {
  const [row] = await ctx.db.select({ n: count() }).from(products);
  return (row?.n ?? 0) === 0;
}

export async function seedExampleProducts(ctx: CoreContext, language: 'ru' | 'en' = 'ru'): Promise<{ added: number }> {
  assertCatalogueOwner(ctx.actor);
  // Seeding twice would double the catalogue; the offer is for an empty one only.
  if (!(await shouldOfferExampleProducts(ctx))) return { added: 0 };
  const ids = await insertProducts(ctx, EXAMPLE_PRODUCTS[language].map((p) => productSchema.parse(p)));
  return { added: ids.length };
}
