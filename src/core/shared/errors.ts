export type CrmErrorCode = 'NOT_FOUND' | 'FORBIDDEN' | 'CONFLICT' | 'VALIDATION' | 'RULE' | 'UNAUTHORIZED';

/**
 * The one error type use cases throw. Adapters translate `code` (HTTP status, a bot sentence);
 * `message` is written for the person who sent the request, in English.
 * `rule` names a broken house rule ("next_activity_required") so the bot can explain it in the member's language.
 */
export class CrmError extends Error {
  override name = 'CrmError';
  constructor(
    readonly code: CrmErrorCode,
    message: string,
    readonly details: { rule?: string; [key: string]: unknown } = {},
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new CrmError('NOT_FOUND', `${what} not found`);
export const forbidden = (message = 'You cannot see or change this record') => new CrmError('FORBIDDEN', message);
export const ruleBroken = (rule: string, message: string, details: Record<string, unknown> = {}) =>
  new CrmError('RULE', message, { rule, ...details });

export function isCrmError(e: unknown, code?: CrmErrorCode): e is CrmError {
  return e instanceof CrmError && (code === undefined || e.code === code);
}
