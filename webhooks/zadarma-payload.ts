import * as z from 'zod';

const field = z.string().trim().optional();

/** The form fields of a Zadarma NOTIFY_* event that intake uses; others stay in the raw log. */
export const zadarmaEventSchema = z.object({
  event: z.string().min(1, 'event is required'),
  call_start: field,
  pbx_call_id: field,
  caller_id: field,
  called_did: field,
  internal: field,
  destination: field,
  duration: z.coerce.number().int().min(0).optional().catch(0),
  disposition: field,
});

export type ZadarmaEvent = z.infer<typeof zadarmaEventSchema>;

/**
 * An incoming call that finished: NOTIFY_END (outgoing calls end with NOTIFY_OUT_END).
 * Identified by what the signature covers (caller_id + called_did + call_start), not by pbx_call_id:
 * one captured request replayed with another pbx_call_id, disposition or duration is the same call,
 * so it can never make a second lead, call or duration.
 */
export function finishedIncomingCall(e: ZadarmaEvent) {
  if (e.event !== 'NOTIFY_END' || !e.pbx_call_id || !e.caller_id) return null;
  const answered = e.disposition === 'answered';
  return {
    intakeSource: 'zadarma' as const,
    externalId: `signed:${e.caller_id}|${e.called_did ?? ''}|${e.call_start ?? ''}`,
    callerPhone: e.caller_id,
    answered,
    durationSeconds: answered ? (e.duration ?? 0) : 0,
    source: e.called_did ? `zadarma:${e.called_did}` : 'zadarma',
  };
}

/** Zadarma's signature has no expiry: an event whose call_start is this far from now is a replay or a broken clock. */
export const CALL_START_WINDOW_HOURS = 48;

/**
 * call_start (`YYYY-MM-DD HH:MM:SS`, the account's local time) more than 48 h from now, or unreadable:
 * the reason to refuse it; null when it is plausible. Read as UTC: a zone's offset is well inside the window.
 */
export function callStartProblem(callStart: string | undefined, now: Date): string | null {
  if (!callStart) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(callStart);
  if (!m) return `call_start "${callStart.slice(0, 40)}" is not YYYY-MM-DD HH:MM:SS`;
  const at = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  const hours = Math.abs(at - now.getTime()) / 3_600_000;
  return hours > CALL_START_WINDOW_HOURS ? `call_start ${callStart} is more than ${CALL_START_WINDOW_HOURS} hours from now: a replayed or misdated event, refused` : null;
}
