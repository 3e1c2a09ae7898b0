import { CrmError } from './errors.js';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

export interface NormalizedPhone {
  /** E.164: +79991234567 */
  e164: string;
  ext: string | null;
}

const EXTENSION = /(?:доб\.?|добавочный|ext\.?|extension|x|#)\s*(\d{1,6})\s*$/i;

/**
 * Turns whatever a visitor typed into E.164 (+ extension), or null when it is not a phone.
 * `8 (999) 123-45-67`, `+7 999 1234567`, `79991234567` and `9991234567` all become +79991234567.
 */
export function normalizePhone(raw: string | null | undefined, defaultCountry: string): NormalizedPhone | null {
  if (!raw) return null;
  const text = raw.normalize('NFKC').trim().slice(0, 64);
  if (!/\d/.test(text)) return null;
  const extMatch = EXTENSION.exec(text);
  const main = extMatch ? text.slice(0, extMatch.index) : text;
  const country = defaultCountry as CountryCode;
  let parsed = parsePhoneNumberFromString(main, country);
  if (!parsed?.isValid()) {
    // International numbers written without "+" ("375291234567") parse as local ones; retry as international.
    const digits = main.replace(/\D/g, '');
    if (digits.length >= 11 && !main.trim().startsWith('+')) parsed = parsePhoneNumberFromString(`+${digits}`);
  }
  if (!parsed?.isValid()) return null;
  const ext = extMatch?.[1] ?? parsed.ext ?? null;
  return { e164: parsed.number, ext };
}

/** For search: any way of writing a number finds it, and so do its last digits. */
export function phoneSearchKey(raw: string, defaultCountry: string): string | null {
  return normalizePhone(raw, defaultCountry)?.e164 ?? null;
}

export function normalizeEmail(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const email = raw.trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) && email.length <= 254 ? email : null;
}

/** A phone edited by hand: null clears it, anything else must be a real number (VALIDATION otherwise). */
export function editedPhone(raw: string | null, defaultCountry: string): NormalizedPhone | null {
  if (raw === null) return null;
  const phone = normalizePhone(raw, defaultCountry);
  if (!phone) throw new CrmError('VALIDATION', `"${raw}" is not a phone number`);
  return phone;
}

/** An email edited by hand: null clears it, anything else must be an address (VALIDATION otherwise). */
export function editedEmail(raw: string | null): string | null {
  if (raw === null) return null;
  const email = normalizeEmail(raw);
  if (!email) throw new CrmError('VALIDATION', `"${raw}" is not an email address`);
  return email;
}

/**
 * A stored E.164 number as people of its country read it: the country code, then the national
 * grouping without the trunk prefix and brackets: "+7 999 123-45-67" (national "8 (999) 123-45-67"),
 * "+375 29 123-45-67", "+44 20 7946 0958". libphonenumber's international format spaces every group
 * ("+7 999 123 45 67"), which is not how Russians write it. Storage stays E.164; this is for cards,
 * lists and documents. Text that does not parse is returned as it was.
 */
export function formatPhone(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return e164;
  const n = parsed.nationalNumber;
  // Zone 7 (Russia, Kazakhstan) shares one plan and one habit, whatever the metadata says for Kazakhstan.
  if (parsed.countryCallingCode === '7' && n.length === 10) return `+7 ${n.slice(0, 3)} ${n.slice(3, 6)}-${n.slice(6, 8)}-${n.slice(8)}`;
  const national = parsed.formatNational();
  // The tail of the national format that spells the national number, grouping included.
  let digits = 0;
  let start = national.length;
  while (start > 0 && digits < n.length) {
    start--;
    if (/\d/.test(national[start]!)) digits++;
  }
  if (digits !== n.length) return parsed.formatInternational();
  const grouped = national.slice(start).replace(/[()]/g, '').replace(/\s+/g, ' ').trim();
  return `+${parsed.countryCallingCode} ${grouped}`;
}
