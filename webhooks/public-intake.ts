import type { Context } from 'hono';
import type { AppDeps } from '../src/app-deps.js';
import type { CoreContext } from '../src/core/shared/context.js';
import type { RawIntake } from '../src/core/intake/intake-input.js';
import { logIntake } from '../src/core/intake/intake-log.js';
import type { IntakeSource } from '../db/enums.js';

/**
 * Hidden inputs a person never sees and so never fills; a script that fills every input gives
 * itself away. `_gotcha` is the name form services (Formspree, Getform) taught site owners.
 */
const HONEYPOT_FIELDS: readonly string[] = ['_gotcha', '_honeypot'];

/** The honeypot field a submission filled, if any. */
function filledHoneypot(record: Record<string, unknown>): string | null {
  for (const key of HONEYPOT_FIELDS) {
    const value = record[key];
    if (value !== undefined && value !== null && String(value).trim() !== '') return key;
  }
  return null;
}

/**
 * The only answer a public endpoint gives to an accepted submission. The form token sits in every
 * page's source, so whoever reads this answer may be a stranger: a new lead, a repeat that joined
 * someone's open lead and a caught spam bot must look the same, or the answer tells whether a phone
 * or email already has an open lead (and tells the bot it was caught).
 */
export function acceptedAnswer(c: Context, status: 200 | 201) {
  return c.json({ ok: true }, status);
}

/**
 * The honeypot check both public endpoints run before making a lead. A filled honeypot is kept in
 * the intake log as spam for review, never a lead, never announced, and gets the accepted answer;
 * otherwise the (empty) honeypot fields are dropped from `record`, so they are never stored.
 */
export async function answerIfSpam(
  c: Context,
  deps: AppDeps,
  ctx: CoreContext,
  intake: { source: IntakeSource; raw: RawIntake; record: Record<string, unknown>; status: 200 | 201 },
): Promise<Response | null> {
  const field = filledHoneypot(intake.record);
  if (field) {
    await logIntake(ctx, { ...intake.raw, source: intake.source, outcome: 'spam', error: `honeypot field ${field} filled` });
    deps.log.info(`${intake.source}: spam refused quietly (honeypot field ${field} filled)`);
    return acceptedAnswer(c, intake.status);
  }
  for (const key of HONEYPOT_FIELDS) delete intake.record[key];
  return null;
}
