import fc from 'fast-check';
import { fieldName, fieldValue, headerValue, jsonFieldValue, jsonRecord, oddPhone, rawQueryValue, validPhone } from './fuzz-arbitraries.js';
import { accepted, assemble, hostileBody, type Credential, type FuzzRequest } from './fuzz-request.js';
import { bitrixFormRequest, bitrixJsonRequest, partnerRequest } from './intake-requests.js';

/** `Authorization: Bearer <key>` right, wrong, malformed, or absent. */
function bearer(key: string): fc.Arbitrary<Credential> {
  return fc.oneof(
    { arbitrary: fc.constant<Credential>({ auth: 'valid', headers: { authorization: `Bearer ${key}` } }), weight: 3 },
    headerValue
      .filter((v) => !v.includes(key))
      .chain((v) => fc.constantFrom(`Bearer ${v}`, v, `Basic ${v}`, 'Bearer', `Bearer ${key}x`, `Bearer ${v.trim() || 'x'} ${key}`))
      .map((h): Credential => ({ auth: 'wrong', headers: { authorization: h } })),
    fc.constant<Credential>({ auth: 'missing' }),
  );
}

const partnerRecord = fc
  .tuple(
    jsonRecord,
    fc.record({ name: jsonFieldValue, phone: fc.oneof(oddPhone, jsonFieldValue), email: jsonFieldValue, comment: jsonFieldValue, extra: jsonFieldValue }, { requiredKeys: [] }),
  )
  .map(([a, b]) => ({ ...a, ...b }));

const idempotencyKey = fc.option(fc.oneof(headerValue, fc.constant(''), fc.string({ minLength: 250, maxLength: 300 }).map((s) => s.replace(/[^\x20-\x7e]/g, 'k'))));

export function partnerRequests(key: string): fc.Arbitrary<FuzzRequest> {
  let n = 0;
  const hostile = fc
    .tuple(hostileBody(partnerRecord), bearer(key), idempotencyKey, fc.nat(15), rawQueryValue)
    .chain(([body, cred, idem, roll, id]) => {
      const headers: Record<string, string> = idem === null ? {} : { 'idempotency-key': idem };
      // Now and then the lead lookup with a made-up id, which must be a clean 404 (or 401).
      const path = roll === 0 ? `/api/v1/leads/${id.replace(/[/?]/g, '')}` : '/api/v1/leads';
      return assemble(path, body, cred, headers);
    });
  const valid = fc.tuple(validPhone, fc.boolean()).map(([phone, withKey]) =>
    accepted(partnerRequest({ name: 'Fuzz', phone, n: ++n }, key, withKey ? { 'idempotency-key': `fuzz-${n}` } : {})),
  );
  return fc.oneof({ arbitrary: hostile, weight: 9 }, { arbitrary: valid, weight: 1 });
}

/** Bitrix's multi-field in every shape clients send and some they should not. */
const multiField = fc.oneof(
  fc.array(fc.record({ VALUE: fc.oneof(oddPhone, jsonFieldValue), VALUE_TYPE: jsonFieldValue }, { requiredKeys: [] }), { maxLength: 3 }),
  fc.dictionary(fc.constantFrom('n0', 'n1', '0', 'x'), fc.record({ VALUE: oddPhone }), { maxKeys: 2 }),
  jsonFieldValue,
);

const bitrixFields = fc
  .tuple(jsonRecord, fc.record({ NAME: jsonFieldValue, LAST_NAME: jsonFieldValue, TITLE: jsonFieldValue, COMMENTS: jsonFieldValue, PHONE: multiField, EMAIL: multiField }, { requiredKeys: [] }))
  .map(([a, b]) => ({ ...a, ...b }));

/** Bodies as `{fields, params}` JSON, as PHP `fields[...]` pairs, or neither. */
const bitrixRecord = fc.oneof(
  fc.tuple(bitrixFields, fc.option(jsonFieldValue)).map(([fields, params]) => ({ fields, params })),
  fc.array(fc.tuple(fc.oneof(fieldName, fc.constantFrom('fields[PHONE][0][VALUE]', 'fields[NAME]', 'fields[PHONE][][VALUE]', 'fields[EMAIL][n0][VALUE]', 'fields')), fc.oneof(oddPhone, fieldValue)), { maxLength: 8 })
    .map((pairs) => Object.fromEntries(pairs)),
  jsonRecord,
  // PHP itself stops at 64 levels of [...]; a sender may not.
  fc.integer({ min: 60, max: 20_000 }).map((depth) => ({ [`fields${'[a]'.repeat(depth)}`]: '1', 'fields[PHONE][0][VALUE]': '+79165554433' })),
);

function bitrixCredential(key: string): fc.Arbitrary<{ path: string; cred: Credential }> {
  const paths = ['/api/v1/bitrix/crm.lead.add', '/api/v1/bitrix/crm.lead.add.json'];
  return fc.tuple(fc.constantFrom(...paths), bearer(key), fc.nat(4), rawQueryValue).map(([path, viaHeader, roll, guess]) => {
    if (roll === 0) return { path, cred: { auth: 'valid', query: `auth=${encodeURIComponent(key)}` } };
    if (roll === 1) return { path: `/api/v1/bitrix/${encodeURIComponent(key)}/crm.lead.add.json`, cred: { auth: 'valid' } };
    if (roll === 2) return { path: `/api/v1/bitrix/${guess.replace(/[/?]/g, '') || 'x'}/crm.lead.add`, cred: { auth: guess === key ? 'valid' : 'wrong' } };
    if (roll === 3) return { path, cred: { auth: guess === key ? 'valid' : 'wrong', query: `auth=${guess}` } };
    return { path, cred: viaHeader };
  });
}

export function bitrixRequests(key: string): fc.Arbitrary<FuzzRequest> {
  const hostile = fc
    .tuple(hostileBody(bitrixRecord), bitrixCredential(key))
    .chain(([body, { path, cred }]) => assemble(path, body, cred));
  const valid = fc.tuple(validPhone, fc.boolean()).map(([phone, asForm]) =>
    accepted(
      asForm
        ? bitrixFormRequest([['fields[NAME]', 'Ира'], ['fields[PHONE][0][VALUE]', phone]], key)
        : bitrixJsonRequest({ NAME: 'Глеб', PHONE: [{ VALUE: phone, VALUE_TYPE: 'WORK' }] }, key),
    ),
  );
  return fc.oneof({ arbitrary: hostile, weight: 9 }, { arbitrary: valid, weight: 1 });
}
