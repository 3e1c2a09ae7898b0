/**
 * A UUID in 22 characters (its 16 bytes in base64url) for button payloads, which Telegram caps at
 * 64 bytes: two ids and a verb fit (4 + 22 + 1 + 22), where two 36-character UUIDs do not.
 * Plain string code, no Buffer: the bot also runs on Workers.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Matches one compact id inside a payload pattern. */
export const COMPACT_ID = '([A-Za-z0-9_-]{22})';

export function compactId(uuid: string): string {
  const hex = uuid.replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new Error(`not a UUID: ${uuid}`);
  // 128 bits as 21 full sextets plus 2 bits: read 6 bits at a time from the left, padding the tail.
  const bits = [...hex].map((h) => parseInt(h, 16).toString(2).padStart(4, '0')).join('') + '0000';
  let out = '';
  for (let i = 0; i < 132; i += 6) out += ALPHABET[parseInt(bits.slice(i, i + 6), 2)];
  return out;
}

export function uuidOfCompact(compact: string): string {
  if (!/^[A-Za-z0-9_-]{22}$/.test(compact)) throw new Error(`not a compact id: ${compact}`);
  const bits = [...compact]
    .map((c) => ALPHABET.indexOf(c).toString(2).padStart(6, '0'))
    .join('')
    .slice(0, 128);
  const hex = Array.from({ length: 32 }, (_, i) => parseInt(bits.slice(i * 4, i * 4 + 4), 2).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
