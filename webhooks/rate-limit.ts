import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppDeps } from '../src/app-deps.js';
import { countRequest } from '../src/core/intake/count-request.js';
import { webhookActor } from './actors.js';
import { errorBody } from './errors.js';

/**
 * The sender's address: the proxy's header only when TRUST_PROXY says a proxy sets it (anyone can
 * send the header otherwise), else the socket's peer on Node. null when unknown (an in-process request).
 */
export function senderAddress(c: Context, trustProxy: boolean): string | null {
  if (trustProxy) {
    const cf = c.req.header('cf-connecting-ip')?.trim();
    if (cf) return cf;
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? null;
}

/** 429 with Retry-After once an address exceeds `limit` requests in RATE_LIMIT_WINDOW_SECONDS; 0 turns it off. */
export function rateLimit(deps: AppDeps, route: 'form' | 'tilda', limit: number) {
  const actor = webhookActor(route);
  return createMiddleware(async (c, next) => {
    const address = senderAddress(c, deps.config.TRUST_PROXY);
    if (limit <= 0 || !address) return next();
    const verdict = await countRequest(deps.core(actor), {
      bucket: `${route}:${address}`,
      limit,
      windowSeconds: deps.config.RATE_LIMIT_WINDOW_SECONDS,
    });
    if (verdict.allowed) return next();
    // The address only: no body, no phone or email reaches the log.
    deps.log.warn(`/hooks/${route}: rate limit of ${limit} per ${deps.config.RATE_LIMIT_WINDOW_SECONDS}s exceeded by ${address}`);
    c.header('Retry-After', String(verdict.retryAfterSeconds));
    return c.json(
      errorBody('rate_limited', `Too many requests from this address: at most ${limit} per ${deps.config.RATE_LIMIT_WINDOW_SECONDS} s; try again in ${verdict.retryAfterSeconds} s`),
      429,
    );
  });
}
