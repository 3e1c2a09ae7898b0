import { and, asc, desc, eq } from 'drizzle-orm';
import {
  companies,
  contacts,
  dealItems,
  history,
  members,
  products,
  type ActivityRow,
  type CompanyRow,
  type ContactRow,
  type DealRow,
  type HistoryRow,
} from '../../../db/schema/index.js';
import type { CoreContext } from '../shared/context.js';
import { itemsTotal, lineTotal } from './deal-amount.js';
import { loadVisibleDeal } from './deal-access.js';
import { countOpenSteps, openSteps } from '../activities/record-activities.js';

export interface DealCardItem {
  id: string;
  productId: string | null;
  name: string;
  /** The catalogue unit ("month", "project"), when the line came from the catalogue. */
  unit: string | null;
  quantity: number;
  price: number;
  total: number;
}

export interface DealCard {
  deal: DealRow;
  contact: ContactRow | null;
  company: CompanyRow | null;
  assignee: { id: string; name: string; username: string | null } | null;
  items: DealCardItem[];
  itemsTotal: number;
  next: ActivityRow | null;
  openActivities: number;
  history: HistoryRow[];
}

/** Everything the bot's deal card shows, in one call: the deal, who, what is sold, what is next, what happened. */
export async function getDealCard(ctx: CoreContext, dealId: string, opts: { historyLines?: number } = {}): Promise<DealCard> {
  const deal = await loadVisibleDeal(ctx, dealId);
  const { db } = ctx;
  const [contact, company, assignee, items, open, openCount, lines] = await Promise.all([
    deal.contactId ? db.select().from(contacts).where(eq(contacts.id, deal.contactId)).then((r) => r[0] ?? null) : null,
    deal.companyId ? db.select().from(companies).where(eq(companies.id, deal.companyId)).then((r) => r[0] ?? null) : null,
    deal.assigneeId
      ? db
          .select({ id: members.id, name: members.name, username: members.username })
          .from(members)
          .where(eq(members.id, deal.assigneeId))
          .then((r) => r[0] ?? null)
      : null,
    db
      .select({ item: dealItems, unit: products.unit })
      .from(dealItems)
      .leftJoin(products, eq(products.id, dealItems.productId))
      .where(eq(dealItems.dealId, dealId))
      .orderBy(asc(dealItems.createdAt), asc(dealItems.id)),
    openSteps(ctx, { dealId }, 1),
    countOpenSteps(ctx, { dealId }),
    db
      .select()
      .from(history)
      .where(and(eq(history.entityType, 'deal'), eq(history.entityId, dealId)))
      .orderBy(desc(history.createdAt), desc(history.id))
      .limit(opts.historyLines ?? 5),
  ]);
  const cardItems = items.map(({ item: i, unit }) => ({
    id: i.id,
    productId: i.productId,
    name: i.name,
    unit,
    quantity: i.quantity,
    price: i.price,
    total: lineTotal(i),
  }));
  return {
    deal,
    contact,
    company,
    assignee,
    items: cardItems,
    itemsTotal: itemsTotal(cardItems),
    next: open[0] ?? null,
    openActivities: openCount,
    history: lines,
  };
}
