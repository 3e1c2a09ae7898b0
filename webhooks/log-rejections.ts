import type { IntakeSource } from '../db/enums.js';
import type { CoreContext } from '../src/core/shared/context.js';
import { logIntake } from '../src/core/intake/intake-log.js';
import type { RawIntake } from '../src/core/intake/intake-input.js';
import { describeError } from './errors.js';

/**
 * Runs an authenticated request's handling; when it is refused (or fails), the raw request is
 * still written to the intake log as `rejected` with the reason, so nothing a sender sent is lost
 * from sight. Successful outcomes are logged by the use cases themselves, in their own batch.
 */
export async function logRejections<T>(ctx: CoreContext, source: IntakeSource, raw: RawIntake, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    const known = describeError(e);
    const error = known ? `${known.status} ${known.message}` : `500 ${(e as Error)?.message ?? String(e)}`;
    await logIntake(ctx, { ...raw, source, outcome: 'rejected', error: error.slice(0, 2000) }).catch(() => {
      // The log is best effort here: the original error is what the sender must hear about.
    });
    throw e;
  }
}

/** The raw fields the intake log keeps (not the bytes, not the parsed media type). */
export function logged(raw: RawIntake): RawIntake {
  return { contentType: raw.contentType, body: raw.body };
}
