import type { Context } from 'hono';
import type { CoreContext } from '../src/core/shared/context.js';
import { isCrmError } from '../src/core/shared/errors.js';
import type { RawIntake } from '../src/core/intake/intake-input.js';
import { logIntake } from '../src/core/intake/intake-log.js';
import { recordIncomingCall, type IncomingCall } from '../src/core/intake/record-incoming-call.js';

/**
 * What both PBX routes answer for a verified event: a finished incoming call is recorded; an event
 * that is no such call, or a hidden caller who cannot be called back, is kept in the log as
 * `ignored`. Always 200, so the PBX does not retry what will never become a lead.
 */
export async function answerIncomingCall(
  c: Context,
  ctx: CoreContext,
  source: IncomingCall['intakeSource'],
  call: IncomingCall | null,
  raw: RawIntake,
  event: string,
) {
  if (!call) {
    await logIntake(ctx, { ...raw, source, outcome: 'ignored' });
    return c.json({ ok: true, event }, 200);
  }
  try {
    const result = await recordIncomingCall(ctx, call, raw);
    return c.json({ ok: true, outcome: result.outcome, lead_id: result.lead.id, number: result.lead.number }, 200);
  } catch (e) {
    if (!isCrmError(e, 'VALIDATION')) throw e;
    await logIntake(ctx, { ...raw, source, outcome: 'ignored', error: e.message });
    return c.json({ ok: true, outcome: 'ignored', reason: e.message }, 200);
  }
}
