import { and, eq } from 'drizzle-orm';
import { partners } from '../../../db/schema/index.js';
import type { CoreContext } from '../shared/context.js';
import { sha256Hex } from '../shared/secrets.js';

export interface Partner {
  id: string;
  name: string;
}

/**
 * Looks a key up by its SHA-256. Comparing hashes through an index lookup reveals nothing
 * useful by timing: an attacker cannot steer the hash of their guess toward a stored one.
 */
export async function authenticatePartner(ctx: CoreContext, key: string): Promise<Partner | null> {
  if (!key || key.length > 200) return null;
  const [row] = await ctx.db
    .select({ id: partners.id, name: partners.name })
    .from(partners)
    .where(and(eq(partners.keyHash, await sha256Hex(key)), eq(partners.active, true)))
    .limit(1);
  return row ?? null;
}
