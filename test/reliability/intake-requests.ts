import { createHash, createHmac } from 'node:crypto';
import { FORM_TOKEN, MANGO_API_KEY, MANGO_API_SALT, ZADARMA_API_SECRET } from '../helpers/webhook-app.js';

/**
 * Real-format intake requests, signed the way the senders sign them (node:crypto, independent of
 * the product's Web Crypto code). Shared by the replay suite and the fuzz cases.
 */
export interface IntakeRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array<ArrayBuffer>;
}

export const FORM_URL = `/hooks/form?token=${FORM_TOKEN}`;
export const TILDA_URL = `/hooks/tilda?token=${FORM_TOKEN}`;
const URLENCODED = 'application/x-www-form-urlencoded';

export function toInit(r: IntakeRequest): RequestInit {
  return { method: r.method, headers: r.headers, ...(r.body !== undefined ? { body: r.body } : {}) };
}

/** `base64(hex(HMAC-SHA1(secret, string)))`, as Zadarma's PHP library (hash_hmac returns hex text). */
export function zadarmaSign(signed: string, secret = ZADARMA_API_SECRET): string {
  return Buffer.from(createHmac('sha1', secret).update(signed).digest('hex')).toString('base64');
}

/** What Zadarma signs for the events intake acts on (START, END, IVR, INTERNAL; ANSWER; OUT_*). */
export function zadarmaSignedString(f: Record<string, string>): string {
  if (f.event === 'NOTIFY_ANSWER') return (f.caller_id ?? '') + (f.destination ?? '') + (f.call_start ?? '');
  if (f.event === 'NOTIFY_OUT_START' || f.event === 'NOTIFY_OUT_END') return (f.internal ?? '') + (f.destination ?? '') + (f.call_start ?? '');
  if (f.event === 'NOTIFY_RECORD') return (f.pbx_call_id ?? '') + (f.call_id_with_rec ?? '');
  return (f.caller_id ?? '') + (f.called_did ?? '') + (f.call_start ?? '');
}

export function zadarmaRequest(fields: Record<string, string>, signature = zadarmaSign(zadarmaSignedString(fields))): IntakeRequest {
  return {
    method: 'POST',
    path: '/hooks/zadarma',
    headers: { 'content-type': URLENCODED, signature },
    body: new URLSearchParams(fields).toString(),
  };
}

export function zadarmaEnd(over: { pbx_call_id: string; caller_id: string; answered?: boolean }): Record<string, string> {
  return {
    event: 'NOTIFY_END',
    call_start: '2026-11-27 12:00:01',
    called_did: '74951112233',
    internal: '100',
    duration: over.answered ? '95' : '0',
    disposition: over.answered ? 'answered' : 'no answer',
    status_code: over.answered ? '16' : '19',
    is_recorded: '0',
    call_id_with_rec: '',
    pbx_call_id: over.pbx_call_id,
    caller_id: over.caller_id,
  };
}

/** `sign = hex(sha256(vpbx_api_key + json + vpbx_api_salt))` over the json text exactly as sent. */
export function mangoSign(json: string, key = MANGO_API_KEY, salt = MANGO_API_SALT): string {
  return createHash('sha256').update(key + json + salt).digest('hex');
}

export function mangoRequest(event: string, json: string, opts: { key?: string; sign?: string } = {}): IntakeRequest {
  const key = opts.key ?? MANGO_API_KEY;
  return {
    method: 'POST',
    path: `/hooks/mango/events/${event}`,
    headers: { 'content-type': URLENCODED },
    body: new URLSearchParams({ vpbx_api_key: key, sign: opts.sign ?? mangoSign(json, key), json }).toString(),
  };
}

export function mangoSummary(entryId: string, callerNumber: string, missed = true): string {
  return JSON.stringify({
    entry_id: entryId,
    call_direction: 1,
    from: { number: callerNumber },
    to: { extension: '101', number: 'sip:anna@vpbx.mangosip.ru' },
    line_number: '74957654321',
    create_time: 1795771200,
    forward_time: 1795771202,
    talk_time: missed ? 0 : 1795771300,
    end_time: missed ? 1795771230 : 1795771420,
    entry_result: missed ? 0 : 1,
    disconnect_reason: 1110,
  });
}

export function tildaRequest(fields: Record<string, string>, path = TILDA_URL): IntakeRequest {
  return { method: 'POST', path, headers: { 'content-type': URLENCODED }, body: new URLSearchParams(fields).toString() };
}

export function formRequest(fields: Record<string, unknown>, headers: Record<string, string> = {}, path = FORM_URL): IntakeRequest {
  return { method: 'POST', path, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(fields) };
}

export function partnerRequest(lead: Record<string, unknown>, key: string, headers: Record<string, string> = {}): IntakeRequest {
  return {
    method: 'POST',
    path: '/api/v1/leads',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, ...headers },
    body: JSON.stringify(lead),
  };
}

export function bitrixJsonRequest(fields: Record<string, unknown>, key: string): IntakeRequest {
  return {
    method: 'POST',
    path: '/api/v1/bitrix/crm.lead.add.json',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ fields, params: { REGISTER_SONET_EVENT: 'Y' } }),
  };
}

/** The PHP-style form a Bitrix24 PHP client posts, with the key in the URL as inbound webhooks carry it. */
export function bitrixFormRequest(pairs: [string, string][], key: string): IntakeRequest {
  return {
    method: 'POST',
    path: `/api/v1/bitrix/crm.lead.add.json?auth=${encodeURIComponent(key)}`,
    headers: { 'content-type': URLENCODED },
    body: new URLSearchParams(pairs).toString(),
  };
}
