import { desc, eq, like, or } from 'drizzle-orm';
import { partners } from '../../../db/schema/index.js';
import type { CoreContext } from '../shared/context.js';
import { CrmError, notFound } from '../shared/errors.js';

export interface PartnerSummary {
  id: string;
  name: string;
  keyPrefix: string;
  active: boolean;
  createdAt: Date;
}

export async function listPartners(ctx: Pick<CoreContext, 'db'>): Promise<PartnerSummary[]> {
  return ctx.db
    .select({ id: partners.id, name: partners.name, keyPrefix: partners.keyPrefix, active: partners.active, createdAt: partners.createdAt })
    .from(partners)
    .orderBy(desc(partners.createdAt));
}

/**
 * Turns a partner's key off at once (a leaked key, a partner who left). The partner row and its
 * leads stay; the key answers 401 from now on. Found by id or by the key's first characters.
 */
/** `alreadyRevoked`: the key was off before this call, and nothing changed. */
export async function revokePartner(ctx: Pick<CoreContext, 'db'>, idOrKeyPrefix: string): Promise<PartnerSummary & { alreadyRevoked: boolean }> {
  const needle = idOrKeyPrefix.trim();
  if (needle.length < 6) throw new CrmError('VALIDATION', 'Give the partner id or at least 6 first characters of its key');
  const found = await ctx.db
    .select({ id: partners.id, name: partners.name, keyPrefix: partners.keyPrefix, active: partners.active, createdAt: partners.createdAt })
    .from(partners)
    .where(or(eq(partners.id, needle), like(partners.keyPrefix, `${needle.slice(0, 8)}%`)));
  if (found.length === 0) throw notFound(`Partner "${needle}"`);
  if (found.length > 1) throw new CrmError('CONFLICT', `"${needle}" matches ${found.length} partners: give the id`);
  if (!found[0]!.active) return { ...found[0]!, alreadyRevoked: true };
  const [row] = await ctx.db.update(partners).set({ active: false }).where(eq(partners.id, found[0]!.id)).returning({
    id: partners.id,
    name: partners.name,
    keyPrefix: partners.keyPrefix,
    active: partners.active,
    createdAt: partners.createdAt,
  });
  return { ...row!, alreadyRevoked: false };
}
