import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { CrmError, type CrmErrorCode } from '../src/core/errors.js';

/** Every intake error answers `{"error":{"code","message"}}`: the code for programs, the message for people. */
export class IntakeError extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    readonly code: string,
    message: string,
  ) {
    super(status, { message });
  }
}

export const unauthorized = (message: string) => new IntakeError(401, 'unauthorized', message);
export const invalid = (message: string) => new IntakeError(422, 'invalid', message);

const STATUS_BY_CODE: Record<CrmErrorCode, ContentfulStatusCode> = {
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  CONFLICT: 409,
  VALIDATION: 422,
  RULE: 422,
  UNAUTHORIZED: 401,
};

export function errorBody(code: string, message: string) {
  return { error: { code, message } };
}

/** Hono's onError: known errors become their status with a clear message; anything else a bare 500. */
export function handleError(err: Error, c: Context, log: (msg: string, e: unknown) => void = defaultLog) {
  if (err instanceof IntakeError) return c.json(errorBody(err.code, err.message), err.status);
  if (err instanceof CrmError) return c.json(errorBody(err.code.toLowerCase(), err.message), STATUS_BY_CODE[err.code]);
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    return c.json(errorBody(codeForStatus(status), err.message || 'Request refused'), status);
  }
  log(`unhandled error on ${c.req.method} ${c.req.path}`, err);
  return c.json(errorBody('internal', 'Something went wrong on our side; the request was not stored'), 500);
}

function codeForStatus(status: number): string {
  if (status === 413) return 'payload_too_large';
  if (status === 415) return 'unsupported_media_type';
  if (status === 401) return 'unauthorized';
  if (status === 404) return 'not_found';
  return 'bad_request';
}

function defaultLog(msg: string, e: unknown) {
  console.error(msg, e);
}
