import { createMiddleware } from 'hono/factory';
import type { Config } from '../src/config.js';
import { timingSafeEqual } from '../src/core/shared/secrets.js';
import { notConfigured, unauthorized } from './errors.js';

/**
 * Site forms and Tilda carry FORM_TOKEN in the URL (`?token=`), where site builders let owners
 * put it, or in an `X-Api-Key` header. Checked before the body is read; a refused request leaves no trace.
 */
export function requireFormToken(config: Config, what: string) {
  return createMiddleware(async (c, next) => {
    const expected = config.FORM_TOKEN;
    if (!expected) throw notConfigured(what, 'FORM_TOKEN');
    const given = c.req.query('token') ?? c.req.header('x-api-key');
    if (!given) throw unauthorized('Missing token: add ?token=<FORM_TOKEN> to the URL or send it in an X-Api-Key header');
    if (!timingSafeEqual(given, expected)) throw unauthorized('Wrong token: it does not match FORM_TOKEN on this server');
    await next();
  });
}
