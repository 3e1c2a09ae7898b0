import { and, eq, lt } from 'drizzle-orm';
import { idempotencyKeys } from '../../../db/schema/index.js';
import type { CoreContext } from '../shared/context.js';
import { findIdempotentReply, IDEMPOTENCY_TTL_MS, type IdempotentRequest, type StoredReply } from './find-idempotent-reply.js';

/**
 * Stores the first answer for a key (an expired row for the same key is overwritten) and returns
 * the answer that is now on record: when two requests with one key raced, both replies converge
 * on the winner's. Only successful answers are stored; a refused request may be fixed and retried.
 */
export async function saveIdempotentReply(ctx: CoreContext, req: IdempotentRequest, reply: StoredReply): Promise<StoredReply> {
  const now = ctx.now();
  const expiredBefore = new Date(now.getTime() - IDEMPOTENCY_TTL_MS);
  const values = { requestHash: req.requestHash, status: reply.status, responseBody: reply.body, createdAt: now };
  await ctx.db
    .insert(idempotencyKeys)
    .values({ partnerId: req.partnerId, key: req.key, ...values })
    .onConflictDoUpdate({
      target: [idempotencyKeys.partnerId, idempotencyKeys.key],
      set: values,
      setWhere: and(
        eq(idempotencyKeys.partnerId, req.partnerId),
        eq(idempotencyKeys.key, req.key),
        lt(idempotencyKeys.createdAt, expiredBefore),
      ),
    });
  return (await findIdempotentReply(ctx, req)) ?? reply;
}
