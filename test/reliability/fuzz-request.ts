import fc from 'fast-check';
import { contentType, corrupt, encodings, huge, wrongMethod, type BodyShape } from './fuzz-arbitraries.js';
import type { IntakeRequest } from './intake-requests.js';

/**
 * `valid`: the sender holds the secret (the request may still be garbage); `wrong` and
 * `missing`: it does not, so nothing at all may be stored from it.
 */
export type Auth = 'valid' | 'wrong' | 'missing';

export interface FuzzRequest extends IntakeRequest {
  auth: Auth;
  /** A well-formed, authenticated request mixed in as a sanity check: it must be accepted (2xx). */
  mustAccept: boolean;
}

/** Where the credential goes: a query string to append and headers to add. */
export interface Credential {
  auth: Auth;
  query?: string;
  headers?: Record<string, string>;
}

/** A body from `record`, in a right or wrong encoding, maybe broken, maybe huge, under a right, wrong or no Content-Type. */
export function hostileBody(record: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<BodyShape> {
  const shaped = fc.oneof(
    { arbitrary: record.chain(encodings), weight: 5 },
    { arbitrary: record.chain(encodings).chain(corrupt), weight: 3 },
    { arbitrary: fc.jsonValue().map((v) => ({ body: JSON.stringify(v) ?? 'null', contentType: 'application/json' })), weight: 2 },
    {
      arbitrary: huge((filler) => ({ body: JSON.stringify({ phone: '+79165554433', comment: filler }), contentType: 'application/json' })),
      weight: 1,
    },
    {
      arbitrary: huge((filler) => ({ body: new URLSearchParams({ phone: '+79165554433', notes: filler }).toString(), contentType: 'application/x-www-form-urlencoded' })),
      weight: 1,
    },
  );
  return fc.tuple(shaped, fc.nat(9), contentType).map(([shape, roll, other]) =>
    // Mostly the matching type; sometimes a wrong one, sometimes none at all.
    roll < 7 ? shape : { ...shape, contentType: roll === 7 ? other : null },
  );
}

/** Assembles a request: mostly POST, sometimes a method the route does not serve (GET carries no body). */
export function assemble(path: string, body: BodyShape, cred: Credential, extraHeaders: Record<string, string> = {}): fc.Arbitrary<FuzzRequest> {
  return fc.tuple(fc.nat(19), wrongMethod).map(([roll, other]) => {
    const method = roll === 0 ? other : 'POST';
    const sep = path.includes('?') ? '&' : '?';
    const headers: Record<string, string> = { ...extraHeaders, ...cred.headers };
    if (body.contentType !== null) headers['content-type'] = body.contentType;
    return {
      method,
      path: cred.query !== undefined ? `${path}${sep}${cred.query}` : path,
      headers,
      ...(method === 'GET' ? {} : { body: body.body }),
      auth: cred.auth,
      mustAccept: false,
    };
  });
}

/** A well-formed request that must be accepted, as the sanity half of the property. */
export function accepted(r: IntakeRequest): FuzzRequest {
  return { ...r, auth: 'valid', mustAccept: true };
}
