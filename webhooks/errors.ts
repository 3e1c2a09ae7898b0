import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { CrmError, type CrmErrorCode } from '../src/core/shared/errors.js';
import type { Logger } from '../src/core/shared/logger.js';

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
/** Syntax errors (JSON that does not parse, a broken multipart body): the sender's encoder is at fault. */
export const malformed = (message: string) => new IntakeError(400, 'malformed_body', message);
export const payloadTooLarge = (maxBytes: number) =>
  new IntakeError(413, 'payload_too_large', `The body is larger than ${maxBytes} bytes (MAX_BODY_BYTES); send less`);
export const unsupportedMediaType = (message: string) => new IntakeError(415, 'unsupported_media_type', message);
export const conflict = (message: string) => new IntakeError(409, 'conflict', message);
/** The sender hung up before its body arrived: nobody hears the answer, nothing was stored. */
export const clientClosed = () => new IntakeError(400, 'client_closed', 'The connection closed before the whole body arrived; send it again');
/**
 * An endpoint whose secret the operator has not set: 503 (the service is not ready), never 401,
 * so the sender's dashboard and our own logs point at the server's setup rather than at the sender.
 */
export const notConfigured = (what: string, envVars: string) =>
  new IntakeError(503, 'not_configured', `${what} is switched off on this server: the operator must set ${envVars}`);

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

/** The status and code an error answers with; null for unexpected errors (bugs, a database outage). */
export function describeError(err: unknown): { status: ContentfulStatusCode; code: string; message: string } | null {
  if (err instanceof IntakeError) return { status: err.status, code: err.code, message: err.message };
  if (err instanceof CrmError) return { status: STATUS_BY_CODE[err.code], code: err.code.toLowerCase(), message: err.message };
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    return { status, code: codeForStatus(status), message: err.message || 'Request refused' };
  }
  return null;
}

/** Hono's onError: known errors become their status with a clear message; anything else a bare 500. */
export function handleError(err: Error, c: Context, log: Logger) {
  const known = describeError(err);
  if (known) {
    if (known.code === 'client_closed') log.debug(`${c.req.method} ${c.req.path}: the client disconnected mid-body`);
    return c.json(errorBody(known.code, known.message), known.status);
  }
  logUnhandled(err, c, log);
  return c.json(errorBody('internal', 'Something went wrong on our side; the request was not stored'), 500);
}

/** A bug or an outage: the path and the error without SQL parameters (the logger strips them above debug). */
export function logUnhandled(err: Error, c: Context, log: Logger) {
  log.error(`unhandled error on ${c.req.method} ${c.req.path.slice(0, 200)}`, err);
}

function codeForStatus(status: number): string {
  if (status === 413) return 'payload_too_large';
  if (status === 415) return 'unsupported_media_type';
  if (status === 401) return 'unauthorized';
  if (status === 404) return 'not_found';
  return 'bad_request';
}
