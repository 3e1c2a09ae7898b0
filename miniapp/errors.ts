import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { lookup, messages } from '../bot/i18n.js';
import { CrmError, type CrmErrorCode } from '../src/core/shared/errors.js';
import type { MiniAppEnv } from './auth.js';

const STATUS: Record<CrmErrorCode, ContentfulStatusCode> = {
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  CONFLICT: 409,
  VALIDATION: 400,
  RULE: 422,
  UNAUTHORIZED: 401,
};

/** A refused body that is not JSON at all. */
export class BadBody extends Error {}

/**
 * Core errors become their status with a sentence in the member's language (the bot's wording);
 * `rule` lets the page react (ask for a next step). Anything else is a bare 500, logged.
 */
export function miniAppError(err: Error, c: Context<MiniAppEnv>) {
  const lang = c.get('member')?.language ?? 'ru';
  const t = messages(lang);
  if (err instanceof BadBody) return c.json({ error: { code: 'bad_body', message: err.message } }, 400);
  if (err instanceof CrmError) {
    const rule = err.details.rule;
    const message =
      err.code === 'RULE' && rule
        ? lookup(t.rules, rule, err.message)
        : err.code === 'FORBIDDEN'
          ? t.errorForbiddenAny
          : err.code === 'NOT_FOUND'
            ? t.errorNotFound
            : err.code === 'VALIDATION'
              ? t.errorValidation({ message: err.message })
              : err.message;
    return c.json({ error: { code: err.code.toLowerCase(), message, ...(rule ? { rule } : {}) } }, STATUS[err.code]);
  }
  console.error(`miniapp: unhandled error on ${c.req.method} ${c.req.path}`, err);
  return c.json({ error: { code: 'internal', message: t.errorGeneric } }, 500);
}

export async function jsonBody(c: Context): Promise<Record<string, unknown>> {
  try {
    const body: unknown = await c.req.json();
    if (body && typeof body === 'object' && !Array.isArray(body)) return body as Record<string, unknown>;
  } catch {
    // fall through to the same refusal
  }
  throw new BadBody('The body must be a JSON object');
}
