import type { Context } from 'hono';
import type { RawIntake } from '../src/core/intake/intake-input.js';
import { clientClosed, IntakeError, invalid, malformed, unsupportedMediaType } from './errors.js';

/** The body as received, read once: signatures are checked over it and the intake log keeps it. */
export interface RawBody extends RawIntake {
  /** Lower-case media type without parameters, e.g. `application/json`; '' when absent. */
  mediaType: string;
  bytes: Uint8Array<ArrayBuffer>;
}

export type BodyKind = 'json' | 'urlencoded' | 'multipart';

const MEDIA_TYPES: Record<BodyKind, string> = {
  json: 'application/json',
  urlencoded: 'application/x-www-form-urlencoded',
  multipart: 'multipart/form-data',
};

/** A parsed body: JSON as is, form bodies as ordered name/value pairs (files are dropped). */
export type ParsedBody = { kind: 'json'; value: unknown } | { kind: 'urlencoded' | 'multipart'; pairs: [string, string][] };

const decoder = new TextDecoder('utf-8');

export async function readRawBody(c: Context): Promise<RawBody> {
  const contentType = c.req.header('content-type') ?? null;
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = new Uint8Array(await c.req.arrayBuffer());
  } catch (e) {
    // The body limit's own refusal passes through; anything else while reading is the connection going away.
    if (e instanceof IntakeError || (e as { status?: number }).status === 413) throw e;
    throw clientClosed();
  }
  return { contentType, mediaType: mediaTypeOf(contentType), bytes, body: decoder.decode(bytes) };
}

export function mediaTypeOf(contentType: string | null): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

/** 415 unless the body is one of `accepted`; 400 when it claims a type but does not parse as it. */
export async function parseBody(raw: RawBody, accepted: readonly BodyKind[]): Promise<ParsedBody> {
  const kind = accepted.find((k) => MEDIA_TYPES[k] === raw.mediaType || (k === 'json' && raw.mediaType.endsWith('+json')));
  if (!kind) {
    const got = raw.mediaType ? `Content-Type "${raw.mediaType}"` : 'A body without Content-Type';
    throw unsupportedMediaType(`${got} is not accepted here; send ${accepted.map((k) => MEDIA_TYPES[k]).join(' or ')}`);
  }
  if (kind === 'json') return { kind, value: parseJson(raw.body) };
  if (kind === 'urlencoded') return { kind, pairs: [...new URLSearchParams(raw.body)] };
  return { kind, pairs: await parseMultipart(raw) };
}

/**
 * PHP's default `max_input_nesting_level`. Deeper input is refused: JSON.parse reads 30,000 nested
 * arrays in 60 KB, but JSON.stringify (storing `extra`) then overflows the stack, a 500 for any sender.
 */
export const MAX_NESTING = 64;

function parseJson(text: string): unknown {
  if (text.trim() === '') throw malformed('The body is empty; send a JSON object');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw malformed(`The body is not valid JSON: ${(e as Error).message}`);
  }
  if (nestsDeeperThan(value, MAX_NESTING)) {
    throw invalid(`The JSON body nests objects or arrays deeper than ${MAX_NESTING} levels; send a flatter object`);
  }
  return value;
}

/** Iterative on purpose: a recursive walk would overflow on the very input it is meant to catch. */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth >= limit) return true;
    for (const child of Object.values(node)) if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
}

async function parseMultipart(raw: RawBody): Promise<[string, string][]> {
  let form: FormData;
  try {
    // A Response re-reads our copy of the bytes with the platform's own multipart parser (Node and Workers alike).
    form = await new Response(raw.bytes, { headers: { 'content-type': raw.contentType ?? '' } }).formData();
  } catch (e) {
    throw malformed(`The multipart/form-data body could not be read: ${(e as Error).message}`);
  }
  const pairs: [string, string][] = [];
  form.forEach((value, name) => {
    if (typeof value === 'string') pairs.push([name, value]);
  });
  return pairs;
}

/** Flat name -> value; a repeated name keeps all its values joined, so nothing the visitor typed is lost. */
export function pairsToRecord(pairs: [string, string][]): Record<string, string> {
  const out: Record<string, string> = {};
  // Object.hasOwn, not `in`: a field named "constructor" or "toString" would otherwise start with the inherited function's source.
  for (const [k, v] of pairs) out[k] = Object.hasOwn(out, k) ? `${out[k]}, ${v}` : v;
  return out;
}

/** The body as a flat object, or 422 when JSON is not an object (an array, a bare string...). */
export function bodyToRecord(body: ParsedBody): Record<string, unknown> {
  if (body.kind !== 'json') return pairsToRecord(body.pairs);
  if (body.value === null || typeof body.value !== 'object' || Array.isArray(body.value)) {
    throw invalid(`The JSON body must be an object like {"phone": "..."}, not ${Array.isArray(body.value) ? 'an array' : typeof body.value === 'object' ? 'null' : `a ${typeof body.value}`}`);
  }
  return body.value as Record<string, unknown>;
}
