import { GrammyError, HttpError } from 'grammy';

export type SendFailure =
  | { kind: 'rate_limited'; retryAfterMs: number; message: string }
  | { kind: 'transient'; message: string }
  | { kind: 'permanent'; message: string };

/**
 * What a failed send means for its outbox row. 429: wait as long as Telegram says. 5xx and network
 * errors: retry with backoff. Other 4xx (chat not found, bot blocked, bad request): a retry cannot
 * help, the row is kept as failed with the reason.
 */
export function classifySendError(e: unknown): SendFailure {
  if (e instanceof GrammyError) {
    const message = `${e.error_code}: ${e.description}`;
    if (e.error_code === 429) return { kind: 'rate_limited', retryAfterMs: (e.parameters.retry_after ?? 1) * 1000, message };
    if (e.error_code >= 500) return { kind: 'transient', message };
    return { kind: 'permanent', message };
  }
  if (e instanceof HttpError) return { kind: 'transient', message: `network: ${String((e.error as Error)?.message ?? e.message)}` };
  return { kind: 'transient', message: String((e as Error)?.message ?? e) };
}
