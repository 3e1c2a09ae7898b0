import { lt, sql } from 'drizzle-orm';
import { rateLimits } from '../../../db/schema/index.js';
import type { CoreContext } from '../shared/context.js';

export interface RateLimit {
  /** Who is counted, e.g. `form:203.0.113.7`. */
  bucket: string;
  limit: number;
  windowSeconds: number;
}

/** Allowed, or refused with how many seconds remain until the window ends. */
export type RateVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Counts one request in its fixed window (one upsert, so concurrent instances never lose a count)
 * and says whether it is over the limit. Old windows are dropped when an address opens a new one.
 */
export async function countRequest(ctx: Pick<CoreContext, 'db' | 'now'>, rule: RateLimit): Promise<RateVerdict> {
  const nowSeconds = Math.floor(ctx.now().getTime() / 1000);
  const windowStart = nowSeconds - (nowSeconds % rule.windowSeconds);
  const [row] = await ctx.db
    .insert(rateLimits)
    .values({ bucket: rule.bucket, windowStart, count: 1 })
    .onConflictDoUpdate({ target: [rateLimits.bucket, rateLimits.windowStart], set: { count: sql`${rateLimits.count} + 1` } })
    .returning({ count: rateLimits.count });
  const count = row?.count ?? 1;
  if (count === 1) await ctx.db.delete(rateLimits).where(lt(rateLimits.windowStart, windowStart - rule.windowSeconds));
  if (count <= rule.limit) return { allowed: true };
  return { allowed: false, retryAfterSeconds: Math.max(1, windowStart + rule.windowSeconds - nowSeconds) };
}
