import type { IntakeLeadInput } from '../src/core/intake/intake-input.js';
import { invalid } from './errors.js';
import { mapFormFields } from './form-fields.js';

/** The core's limit on a sender's own id (intake_keys.external_id). */
const MAX_ID = 200;

/** Tilda's own service fields: not the visitor's input, so never copied into `extra`. */
const SERVICE_FIELDS = new Set(['tranid', 'formid', 'formname', 'COOKIES', 'cookies', 'test']);

export function isTildaTestPing(record: Record<string, unknown>): boolean {
  return record.test === 'test' && !record.tranid;
}

/** Maps a Tilda submission: `tranid` is the retry key, `formid` names the source, UTM from the TILDAUTM cookie. */
export function mapTildaSubmission(record: Record<string, unknown>): Omit<IntakeLeadInput, 'channel' | 'intakeSource'> {
  const fields = mapFormFields(record, SERVICE_FIELDS);
  const cookies = typeof record.COOKIES === 'string' ? record.COOKIES : typeof record.cookies === 'string' ? record.cookies : '';
  const utm = parseTildaUtm(cookieValue(cookies, 'TILDAUTM'));
  // Trimmed like the site form's name: a long formid must not cost the visitor their lead ("source: too long").
  const formId = text(record.formid)?.slice(0, 100);
  const tranid = text(record.tranid);
  if (tranid && tranid.length > MAX_ID) throw invalid(`tranid: must be at most ${MAX_ID} characters (Tilda sends <digits>:<digits>)`);
  return {
    ...fields,
    // Fields posted by the form win over the cookie: they describe this very visit.
    utmSource: fields.utmSource ?? utm.utm_source,
    utmMedium: fields.utmMedium ?? utm.utm_medium,
    utmCampaign: fields.utmCampaign ?? utm.utm_campaign,
    utmContent: fields.utmContent ?? utm.utm_content,
    utmTerm: fields.utmTerm ?? utm.utm_term,
    source: formId ? `tilda:${formId}` : 'tilda',
    externalId: tranid,
  };
}

/** One cookie's value out of a `Cookie`-header style string (`a=1; TILDAUTM=...; b=2`). */
export function cookieValue(cookies: string, name: string): string | null {
  for (const part of cookies.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

/**
 * TILDAUTM is URL-encoded `key=value` pairs separated by `|||`, with a trailing `|||`.
 * Decoding before splitting copes with both an encoded and a plain separator.
 */
export function parseTildaUtm(value: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  if (!value) return out;
  for (const pair of safeDecode(value).split('|||')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const key = pair.slice(0, eq).trim().toLowerCase();
    const val = safeDecode(pair.slice(eq + 1)).trim();
    if (key.startsWith('utm_') && val) out[key] = val;
  }
  return out;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

function text(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' ? String(v) : undefined;
}
