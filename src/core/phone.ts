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
