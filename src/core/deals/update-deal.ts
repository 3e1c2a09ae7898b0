import { eq } from 'drizzle-orm';
import * as z from 'zod';
import { contacts, deals, type DealRow } from '../../../db/schema/index.js';
import { runBatch, type Statement } from '../shared/batch.js';
import type { CoreContext } from '../shared/context.js';
import { syncDealAmount } from './deal-amount.js';
import { assertDealOpen, loadVisibleDeal } from './deal-access.js';
import { findOrCreateCompany } from '../contacts/find-or-create-company.js';
import { newId } from '../shared/ids.js';
import { diff, historyEntry, isUniqueViolation } from '../shared/records.js';
import { contactPatchSchema, contactUpdateStatements, contactValues } from '../contacts/update-contact.js';
import { parseInput } from '../shared/validate.js';

export const updateDealSchema = z.object({
  dealId: z.string().min(1),
  title: z.string().trim().min(1).max(200).optional(),
  /** Minor units typed by hand (sticks over line items); null hands the amount back to the line items. */
  amount: z.number().int().min(0).max(1e13).nullable().optional(),
  /** Links the deal (and its contact, if it has no company) to this company, creating it if new; null unlinks. */
  companyName: z.string().trim().min(1).max(200).nullable().optional(),
  contact: contactPatchSchema.optional(),
});
export type UpdateDealInput = z.input<typeof updateDealSchema>;

/** What the deal card's edit buttons change: the title, the amount, the company, the contact's details. */
export async function updateDeal(ctx: CoreContext, input: UpdateDealInput): Promise<{ changed: string[] }> {
  const opts = parseInput(updateDealSchema, input, 'deal');
  for (let attempt = 1; ; attempt++) {
    try {
      return await tryUpdate(ctx, opts);
    } catch (e) {
      if (!isUniqueViolation(e) || attempt >= 3) throw e;
    }
  }
}

async function tryUpdate(ctx: CoreContext, opts: z.output<typeof updateDealSchema>): Promise<{ changed: string[] }> {
  const deal = await loadVisibleDeal(ctx, opts.dealId);
  assertDealOpen(deal);
  const now = ctx.now();
  const statements: Statement[] = [];
  const change: Partial<DealRow> = {};
  if (opts.title !== undefined) change.title = opts.title;
  if (opts.amount !== undefined) {
    change.amountManual = opts.amount !== null;
    if (opts.amount !== null) change.amount = opts.amount;
  }
  let companyId = deal.companyId;
  if (opts.companyName === null) companyId = null;
  else if (opts.companyName !== undefined) {
    const company = await findOrCreateCompany(ctx, opts.companyName);
    statements.push(...company.statements);
    companyId = company.id;
  }
  change.companyId = companyId;

  const changes = diff(deal, change);
  if (Object.keys(changes).length > 0) {
    statements.push(
      ctx.db.update(deals).set({ ...change, updatedAt: now }).where(eq(deals.id, deal.id)),
      historyEntry(ctx.db, { entityType: 'deal', entityId: deal.id, action: 'updated', actor: ctx.actor, at: now, changes }),
    );
  }
  // Back to line items: recompute now rather than showing a stale hand-typed figure.
  if (opts.amount === null) statements.push(syncDealAmount(ctx, deal.id, now));
  const contactChanged = await contactStatements(ctx, deal, opts.contact, companyId, statements);
  await runBatch(ctx.db, statements);
  return { changed: [...Object.keys(changes), ...contactChanged] };
}

/** Edits the deal's contact, or creates one when the deal has none yet. */
async function contactStatements(
  ctx: CoreContext,
  deal: DealRow,
  patch: z.output<typeof updateDealSchema>['contact'],
  companyId: string | null,
  out: Statement[],
): Promise<string[]> {
  const [contact] = deal.contactId ? await ctx.db.select().from(contacts).where(eq(contacts.id, deal.contactId)) : [];
  const values = patch ? contactValues(ctx, patch) : {};
  if (contact) {
    const withCompany = contact.companyId || !companyId ? values : { ...values, companyId };
    out.push(...contactUpdateStatements(ctx, contact, withCompany));
    return Object.keys(diff(contact, withCompany)).map((k) => `contact.${k}`);
  }
  if (!patch || Object.keys(values).length === 0) return [];
  const now = ctx.now();
  const id = newId();
  out.push(
    ctx.db.insert(contacts).values({ id, ...values, companyId, createdAt: now, updatedAt: now }),
    historyEntry(ctx.db, { entityType: 'contact', entityId: id, action: 'created', actor: ctx.actor, at: now, changes: { ...values, dealId: deal.id } }),
    ctx.db.update(deals).set({ contactId: id, updatedAt: now }).where(eq(deals.id, deal.id)),
  );
  return Object.keys(values).map((k) => `contact.${k}`);
}
