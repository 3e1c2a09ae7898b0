import * as z from 'zod';
import { sha256Hex } from '../src/core/shared/secrets.js';

/** `sign = hex(sha256(vpbx_api_key + json + vpbx_api_salt))`, over `json` exactly as received. */
export async function mangoSign(apiKey: string, json: string, salt: string): Promise<string> {
  return sha256Hex(apiKey + json + salt);
}

const party = z
  .object({ extension: z.coerce.string().optional(), number: z.coerce.string().optional() })
  .partial()
  .optional()
  .nullable();
const seconds = z.coerce.number().finite().min(0).catch(0);

/** `events/summary`: one per call. Times are Unix seconds; talk_time is 0 when nobody talked. */
export const mangoSummarySchema = z.object({
  entry_id: z.union([z.string().min(1), z.number()], { error: 'is required: the call id' }).transform(String),
  call_direction: z.coerce.number({ error: 'is required: 0 internal, 1 incoming, 2 outgoing' }).int(),
  from: party,
  to: party,
  line_number: z.coerce.string().optional().nullable(),
  talk_time: seconds,
  end_time: seconds,
  entry_result: z.coerce.number().int().optional().nullable(),
});

export type MangoSummary = z.infer<typeof mangoSummarySchema>;

const INCOMING = 1;

/** An incoming call's summary as the use case's input; null for internal and outgoing calls. */
export function incomingCallFromSummary(s: MangoSummary) {
  if (s.call_direction !== INCOMING || !s.from?.number) return null;
  const answered = s.entry_result !== 0 && s.talk_time > 0;
  return {
    intakeSource: 'mango' as const,
    externalId: s.entry_id,
    callerPhone: s.from.number,
    answered,
    durationSeconds: answered && s.end_time >= s.talk_time ? Math.round(s.end_time - s.talk_time) : 0,
    source: s.line_number ? `mango:${s.line_number}` : 'mango',
  };
}
