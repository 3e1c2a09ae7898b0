import * as z from 'zod';
import { runBatch } from '../shared/batch.js';
import type { CoreContext } from '../shared/context.js';
import { forbidden } from '../shared/errors.js';
import { historyEntry } from '../shared/records.js';
import { readSettingOver, writeSetting } from '../shared/settings-store.js';
import { parseInput } from '../shared/validate.js';

const optionalText = (max: number) => z.string().trim().max(max).optional();

/** Who sells: printed at the top of every commercial proposal. */
export const sellerDetailsSchema = z.object({
  name: z.string().trim().min(1).max(200),
  legalName: optionalText(300),
  taxId: optionalText(40),
  address: optionalText(500),
  phone: optionalText(64),
  email: optionalText(254),
  website: optionalText(300),
  /** How long a proposal's prices hold. */
  proposalValidDays: z.number().int().min(1).max(365),
  /** A closing line under the totals ("Prices include VAT", payment terms...). */
  proposalNote: optionalText(1000),
});
export type SellerDetails = z.output<typeof sellerDetailsSchema>;

export const SELLER_SETTING_KEY = 'seller';
export const DEFAULT_SELLER: SellerDetails = { name: 'Our company', proposalValidDays: 14 };

/** The stored details over the defaults; a malformed stored value falls back to the defaults rather than failing a proposal. */
export async function getSellerDetails(ctx: Pick<CoreContext, 'db'>): Promise<SellerDetails> {
  return readSettingOver(ctx, SELLER_SETTING_KEY, sellerDetailsSchema, DEFAULT_SELLER);
}

/** The owner sets the seller's details; fields not given keep their value. */
export async function setSellerDetails(ctx: CoreContext, patch: Partial<SellerDetails>): Promise<SellerDetails> {
  if (!(ctx.actor.kind === 'member' && ctx.actor.role === 'owner') && ctx.actor.kind !== 'system') {
    throw forbidden('Only the owner sets the company details');
  }
  const before = await getSellerDetails(ctx);
  const next = parseInput(sellerDetailsSchema, { ...before, ...patch }, 'seller');
  const now = ctx.now();
  await runBatch(ctx.db, [
    writeSetting(ctx, SELLER_SETTING_KEY, next, now),
    historyEntry(ctx.db, { entityType: 'member', entityId: SELLER_SETTING_KEY, action: 'seller_details_changed', actor: ctx.actor, at: now, changes: { ...patch } }),
  ]);
  return next;
}
