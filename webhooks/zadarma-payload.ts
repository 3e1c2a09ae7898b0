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

/** An incoming call that finished: NOTIFY_END (outgoing calls end with NOTIFY_OUT_END). */
export function finishedIncomingCall(e: ZadarmaEvent) {
  if (e.event !== 'NOTIFY_END' || !e.pbx_call_id || !e.caller_id) return null;
  const answered = e.disposition === 'answered';
  return {
    intakeSource: 'zadarma' as const,
    externalId: e.pbx_call_id,
    callerPhone: e.caller_id,
    answered,
    durationSeconds: answered ? (e.duration ?? 0) : 0,
    source: e.called_did ? `zadarma:${e.called_did}` : 'zadarma',
  };
}
