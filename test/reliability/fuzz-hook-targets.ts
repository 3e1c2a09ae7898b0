import fc from 'fast-check';
import { FORM_TOKEN, MANGO_API_KEY } from '../helpers/webhook-app.js';
import { fieldValue, formRecord, headerValue, jsonRecord, oddPhone, rawQueryValue, validPhone } from './fuzz-arbitraries.js';
import { accepted, assemble, hostileBody, type Credential, type FuzzRequest } from './fuzz-request.js';
import {
  formRequest,
  mangoRequest,
  mangoSign,
  mangoSummary,
  tildaRequest,
  zadarmaEnd,
  zadarmaRequest,
  zadarmaSign,
  zadarmaSignedString,
} from './intake-requests.js';

/** FORM_TOKEN in the query or X-Api-Key; a wrong one (raw, broken escapes and all); none. */
const formToken: fc.Arbitrary<Credential> = fc.oneof(
  fc.constant<Credential>({ auth: 'valid', query: `token=${FORM_TOKEN}` }),
  fc.constant<Credential>({ auth: 'valid', headers: { 'x-api-key': FORM_TOKEN } }),
  rawQueryValue.filter((v) => v !== FORM_TOKEN).map((v): Credential => ({ auth: 'wrong', query: `token=${v}` })),
  headerValue.filter((v) => v.trim() !== FORM_TOKEN && v !== '').map((v): Credential => ({ auth: 'wrong', headers: { 'x-api-key': v } })),
  fc.constant<Credential>({ auth: 'missing' }),
);

const seq = () => {
  let n = 0;
  return () => ++n;
};

export function formRequests(): fc.Arbitrary<FuzzRequest> {
  const next = seq();
  const hostile = fc
    .tuple(hostileBody(fc.oneof(formRecord, jsonRecord)), formToken, fc.option(headerValue))
    .chain(([body, cred, key]) => assemble('/hooks/form', body, cred, key === null ? {} : { 'idempotency-key': key }));
  // Any name within the documented 200 characters, in any script.
  const name = fc.string({ unit: 'grapheme', maxLength: 60 });
  const valid = fc.tuple(validPhone, name).map(([phone, n]) => accepted(formRequest({ name: n, phone, n: next() })));
  return fc.oneof({ arbitrary: hostile, weight: 9 }, { arbitrary: valid, weight: 1 });
}

const tildaRecord = fc
  .tuple(formRecord, fc.record({ tranid: fc.oneof(fieldValue, fc.constant('5112421:4352341')), formid: fieldValue, COOKIES: fieldValue, test: fc.constantFrom('test', '', 'x') }, { requiredKeys: [] }))
  .map(([a, b]) => ({ ...a, ...b }));

export function tildaRequests(): fc.Arbitrary<FuzzRequest> {
  const next = seq();
  const hostile = fc.tuple(hostileBody(tildaRecord), formToken).chain(([body, cred]) => assemble('/hooks/tilda', body, cred));
  const valid = validPhone.map((Phone) => accepted(tildaRequest({ Name: 'Мария', Phone, tranid: `fuzz:${next()}`, formid: 'form1' })));
  return fc.oneof({ arbitrary: hostile, weight: 9 }, { arbitrary: valid, weight: 1 });
}

const zadarmaFields = fc
  .tuple(
    fc.record(
      {
        event: fc.oneof(fc.constantFrom('NOTIFY_START', 'NOTIFY_END', 'NOTIFY_ANSWER', 'NOTIFY_OUT_END', 'NOTIFY_RECORD', 'NOTIFY_IVR', 'NOTIFY_X'), fieldValue),
        caller_id: oddPhone,
        called_did: fieldValue,
        call_start: fc.oneof(fc.constant('2026-11-27 12:00:01'), fieldValue),
        pbx_call_id: fc.oneof(fieldValue, fc.string({ minLength: 190, maxLength: 400 })),
        disposition: fc.oneof(fc.constantFrom('answered', 'no answer', 'busy', 'no money, no limit'), fieldValue),
        duration: fc.oneof(fc.constantFrom('0', '95', '-1', '1e9', 'NaN', '99999999999999999999'), fieldValue),
        destination: fieldValue,
        internal: fieldValue,
      },
      { requiredKeys: [] },
    ),
    formRecord,
  )
  .map(([known, extra]) => ({ ...extra, ...known }));

export function zadarmaRequests(): fc.Arbitrary<FuzzRequest> {
  const next = seq();
  const hostile = fc
    .tuple(zadarmaFields, fc.nat(5), fc.base64String({ maxLength: 60 }))
    .chain(([fields, roll, forged]) => {
      const strings = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, String(v)]));
      const real = zadarmaSign(zadarmaSignedString(strings));
      const cred: Credential =
        roll < 3 ? { auth: 'valid', headers: { signature: real } }
        : roll === 3 ? { auth: 'wrong', headers: { signature: forged === real ? `${forged}x` : forged } }
        : roll === 4 ? { auth: 'wrong', headers: { signature: zadarmaSign(zadarmaSignedString(strings), 'guessed-secret') } }
        : { auth: 'missing' };
      return hostileBody(fc.constant(strings)).chain((body) => assemble('/hooks/zadarma', body, cred));
    });
  const valid = validPhone.map((p) =>
    accepted(zadarmaRequest(zadarmaEnd({ pbx_call_id: `fuzz_${next()}`, caller_id: p.replace(/\D/g, '').replace(/^8/, '7') }))),
  );
  return fc.oneof({ arbitrary: hostile, weight: 9 }, { arbitrary: valid, weight: 1 });
}

const mangoJson = fc.oneof(
  fc.jsonValue().map((v) => JSON.stringify(v) ?? ''),
  fc
    .record({ entry_id: fc.oneof(fieldValue, fc.integer()), call_direction: fc.oneof(fc.constantFrom(0, 1, 2, '1', 'x', null), fc.jsonValue()), from: fc.oneof(fc.record({ number: fc.oneof(oddPhone, fc.jsonValue()) }), fc.jsonValue()), talk_time: fc.jsonValue(), end_time: fc.jsonValue(), entry_result: fc.jsonValue() }, { requiredKeys: [] })
    .map((o) => JSON.stringify(o)),
  fc.string({ maxLength: 80 }),
);

export function mangoRequests(): fc.Arbitrary<FuzzRequest> {
  const next = seq();
  const event = fc.oneof(fc.constantFrom('summary', 'summary', 'call', 'recording', ''), fc.string({ maxLength: 10 }).map(encodeURIComponent));
  const hostile = fc
    .tuple(mangoJson, fc.nat(5), headerValue, event, formRecord)
    .chain(([json, roll, guess, ev, extra]) => {
      const auth = roll < 3 ? 'valid' : roll < 5 ? 'wrong' : 'missing';
      const key = roll === 3 ? `${guess}-not-the-key` : MANGO_API_KEY;
      const sign = roll === 4 ? mangoSign(json, MANGO_API_KEY, 'guessed-salt') : mangoSign(json, key);
      const fields: Record<string, unknown> = auth === 'missing' ? { ...extra, json } : { ...extra, vpbx_api_key: key, sign, json };
      return hostileBody(fc.constant(fields)).chain((body) => assemble(`/hooks/mango/events/${ev}`, body, { auth }));
    });
  const valid = validPhone.map((p) => accepted(mangoRequest('summary', mangoSummary(`fuzz-${next()}`, p))));
  return fc.oneof({ arbitrary: hostile, weight: 9 }, { arbitrary: valid, weight: 1 });
}
