import { and, eq, gte } from 'drizzle-orm';
import { idempotencyKeys } from '../../../db/schema/index.js';
import type { CoreContext } from '../shared/context.js';
import { CrmError } from '../shared/errors.js';

/** Stripe keeps keys at least 24 hours; after that a key may be reused for a new request. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

export interface IdempotentRequest {
  partnerId: string;
  key: string;
  /** SHA-256 of what was asked (path and body): the same key must come with the same request. */
  requestHash: string;
}

export interface StoredReply {
  status: number;
  body: string;
}

/**
 * The first answer given for this partner's key, to replay verbatim; null for a new key (or one
 * older than the TTL). The same key with a different request is a client bug: CONFLICT.
 */
export async function findIdempotentReply(ctx: CoreContext, req: IdempotentRequest): Promise<StoredReply | null> {
  const since = new Date(ctx.now().getTime() - IDEMPOTENCY_TTL_MS);
  const [row] = await ctx.db
    .select()
    .from(idempotencyKeys)
    .where(
      and(eq(idempotencyKeys.partnerId, req.partnerId), eq(idempotencyKeys.key, req.key), gte(idempotencyKeys.createdAt, since)),
    )
    .limit(1);
  if (!row) return null;
  if (row.requestHash !== req.requestHash) {
    throw new CrmError(
      'CONFLICT',
      `Idempotency-Key "${req.key}" was already used with a different request; use a new key for a new lead`,
    );
  }
  return { status: row.status, body: row.responseBody };
}
