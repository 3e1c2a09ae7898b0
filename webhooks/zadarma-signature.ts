import { toHex } from '../src/core/shared/secrets.js';

const encoder = new TextEncoder();

/**
 * What Zadarma signs, per event, as its PHP library's `Notify*::getSignatureString()`
 * (github zadarma/user-api-v1, lib/Webhook). Null for events the library cannot verify.
 */
export function zadarmaSignedString(fields: Record<string, string>): string | null {
  const f = (k: string) => fields[k] ?? '';
  switch (fields.event) {
    case 'NOTIFY_START':
    case 'NOTIFY_INTERNAL':
    case 'NOTIFY_END':
    case 'NOTIFY_IVR':
      return f('caller_id') + f('called_did') + f('call_start');
    case 'NOTIFY_ANSWER':
      return f('caller_id') + f('destination') + f('call_start');
    case 'NOTIFY_OUT_START':
    case 'NOTIFY_OUT_END':
      return f('internal') + f('destination') + f('call_start');
    case 'NOTIFY_RECORD':
      return f('pbx_call_id') + f('call_id_with_rec');
    default:
      return null;
  }
}

/**
 * `base64_encode(hash_hmac('sha1', $string, $secret))`: PHP's hash_hmac returns lower-case
 * hex, and it is that hex text, not the raw digest, that is base64-encoded. Web Crypto, so
 * the same code runs on Workers.
 */
export async function zadarmaSignature(signed: string, secret: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-1' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(signed)));
  return btoa(toHex(mac));
}
