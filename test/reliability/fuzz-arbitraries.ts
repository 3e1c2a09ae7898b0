import fc from 'fast-check';

/**
 * Generic building blocks for hostile intake requests: odd phones, field names senders and
 * attackers use, values of every type, bodies in every encoding and broken ways to send them.
 */
export const MAX_BODY_BYTES = 64 * 1024;

const cyrillic = fc.string({ unit: fc.constantFrom(...'абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙ _-'), minLength: 1, maxLength: 12 });

/** A phone that surely parses (RU mobile ranges), written the ways visitors write it. */
export const validPhone = fc
  .tuple(fc.constantFrom('912', '916', '903', '926', '921'), fc.integer({ min: 0, max: 9_999_999 }), fc.nat(3))
  .map(([code, n, style]) => {
    const d = String(n).padStart(7, '0');
    return [`+7 ${code} ${d}`, `8 (${code}) ${d.slice(0, 3)}-${d.slice(3, 5)}-${d.slice(5)}`, `7${code}${d}`, `+7${code}${d}`][style]!;
  });

/** What lands in a phone field on a real site: unicode digits, letters, emoji, brackets, very long. */
export const oddPhone = fc.oneof(
  validPhone,
  fc.constantFrom('+', '()', '+()', '+7', '8', '', ' ', '+7 (   )   -  -  ', '٨٩١٦٥٥٥٤٤٣٣', '８９１６５５５４４３３', '८९१६५५५४४३३',
    '+7 916 555-44-33 доб. 42', '+7 916 555 44 33 #9999999', 'позвоните мне', '📞+7 916 555 44 33', '+7 916 555 44 33 😀',
    '375291234567', '0000000000', '+999999999999999', 'ext. 42', 'null', 'undefined', 'NaN', '-1', '1e308'),
  fc.string({ unit: fc.constantFrom(...'0123456789+()- '), maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.integer({ min: 65, max: 6000 }).map((n) => '9'.repeat(n)),
);

export const fieldName = fc.oneof(
  fc.constantFrom('phone', 'Phone', 'PHONE', 'tel', 'Телефон', 'телефон', 'name', 'Имя', 'ФИО', 'email', 'E-mail', 'Почта', 'comment',
    'Сообщение', 'company', 'utm_source', 'page_url', 'form', 'formid', 'tranid', 'COOKIES', 'test', 'extra', 'fields', '__proto__',
    'constructor', 'toString', 'hasOwnProperty', 'prototype', '', ' ', '[', ']', '[]', 'a[', 'a]b[c'),
  cyrillic,
  fc.string({ maxLength: 16 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.tuple(fc.constantFrom('fields', 'params', 'a', '__proto__'), fc.array(fc.oneof(fc.constantFrom('', 'PHONE', 'EMAIL', 'VALUE', '0', 'n0', '__proto__', 'constructor'), cyrillic), { maxLength: 5 }))
    .map(([root, path]) => root + path.map((p) => `[${p}]`).join('')),
);

export const fieldValue: fc.Arbitrary<string> = fc.oneof(
  oddPhone,
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  cyrillic,
  fc.emailAddress(),
);

/** Any JSON value a field may hold: a sender's encoder may put objects and numbers anywhere. */
export const jsonFieldValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fieldValue, weight: 4 },
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 2 },
  { arbitrary: fc.constantFrom(null, true, 0, -1, 1e308, 79161234567, [], {}, ['+7 916 555 44 33'], { VALUE: 1 }), weight: 1 },
);

export const formRecord = fc.dictionary(fieldName, fieldValue, { maxKeys: 8 });
export const jsonRecord = fc.dictionary(fieldName, jsonFieldValue, { maxKeys: 8 });

export type BodyShape = { body: string | Uint8Array<ArrayBuffer>; contentType: string | null };

/** `--b` parts written by hand, so names with quotes or newlines break it the way a bad encoder would. */
export function multipart(pairs: [string, string][], boundary = 'fuzzb0undary'): BodyShape {
  const parts = pairs.map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join('');
  return { body: `${parts}--${boundary}--\r\n`, contentType: `multipart/form-data; boundary=${boundary}` };
}

/** A record in each encoding an endpoint may or may not read. */
export function encodings(record: Record<string, unknown>): fc.Arbitrary<BodyShape> {
  const pairs = Object.entries(record).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v) ?? ''] as [string, string]);
  return fc.constantFrom<BodyShape>(
    { body: JSON.stringify(record), contentType: 'application/json' },
    { body: new URLSearchParams(pairs).toString(), contentType: 'application/x-www-form-urlencoded' },
    multipart(pairs),
  );
}

const encoder = new TextEncoder();

/** Broken versions of a good body: cut short, invalid UTF-8 bytes spliced in, raw bytes, deep nesting. */
export function corrupt(shape: BodyShape): fc.Arbitrary<BodyShape> {
  const bytes = typeof shape.body === 'string' ? encoder.encode(shape.body) : shape.body;
  return fc.oneof(
    fc.nat({ max: Math.max(0, bytes.length) }).map((n) => ({ ...shape, body: bytes.slice(0, n) })),
    fc
      .tuple(fc.nat({ max: bytes.length }), fc.uint8Array({ minLength: 1, maxLength: 6 }).map((b) => b.map((x) => x | 0x80)))
      .map(([at, bad]) => ({ ...shape, body: concat(bytes.slice(0, at), bad, bytes.slice(at)) })),
    fc.uint8Array({ maxLength: 300 }).map((b) => ({ ...shape, body: new Uint8Array(b) })),
    fc.integer({ min: 1_000, max: 40_000 }).map((depth) => ({ ...shape, body: `{"phone":"+79165554433","x":${'['.repeat(depth)}${']'.repeat(depth)}}` })),
  );
}

/** A body within a few hundred bytes of MAX_BODY_BYTES, on either side, or far over it. */
export function huge(make: (filler: string) => BodyShape): fc.Arbitrary<BodyShape> {
  return fc.tuple(fc.integer({ min: -400, max: 400 }), fc.boolean(), fc.constantFrom('x', 'я', '😀')).map(([delta, far, ch]) => {
    const size = far ? MAX_BODY_BYTES * 3 : MAX_BODY_BYTES + delta;
    const unit = encoder.encode(ch).length;
    return make(ch.repeat(Math.max(0, Math.floor(size / unit))));
  });
}

export const contentType = fc.oneof(
  { arbitrary: fc.constantFrom('text/plain', 'application/xml', 'application/json; charset=utf-16', 'multipart/form-data',
    'APPLICATION/JSON', 'application/x-www-form-urlencoded; charset=windows-1251', 'application/vnd.api+json', ';;;', 'json',
    'multipart/form-data; boundary=', 'application/octet-stream'), weight: 3 },
  { arbitrary: fc.string({ maxLength: 30 }).filter((s) => s.search(/[\r\n\0]/) === -1), weight: 1 },
);

/** Methods the intake routes do not serve (HEAD is left out: its answers carry no body by design). */
export const wrongMethod = fc.constantFrom('GET', 'PUT', 'PATCH', 'DELETE', 'OPTIONS');

/** A header value fetch can send: printable Latin-1, no CR/LF. */
export const headerValue = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 80 });

/** A query value sent as is, percent signs and all, so broken escapes reach the router. */
export const rawQueryValue = fc.oneof(
  headerValue.map((s) => s.replace(/[#&\s]/g, '')),
  fc.constantFrom('%', '%E0%A4%A', '%ZZ', '%00', '%FF%FE', '..%2F..%2F', 'a%20b'),
);

function concat(...chunks: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
