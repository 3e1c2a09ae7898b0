import { describe, expect, it } from 'vitest';
import { ConfigError, parseEnv } from '../src/config.js';

/** Every variable is checked at start, and the message names each one that is wrong. */
function errorOf(env: Record<string, string>): string {
  try {
    parseEnv(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error('parseEnv accepted it');
}

describe('configuration checks', () => {
  it('accepts the defaults and good values', () => {
    const c = parseEnv({ DEFAULT_TIME_ZONE: 'Asia/Novosibirsk', DEFAULT_COUNTRY: 'kz', WORKDAY_START: '8:30', WORKDAYS: '1-5,7', PUBLIC_URL: 'https://crm.example.com' });
    expect(c).toMatchObject({ DEFAULT_TIME_ZONE: 'Asia/Novosibirsk', DEFAULT_COUNTRY: 'KZ', WORKDAY_START: '8:30', WORKDAYS: [1, 2, 3, 4, 5, 7], PORT: 8787 });
  });

  it('reads FORM_REDIRECT_ORIGINS as a list of origins', () => {
    expect(parseEnv({ FORM_REDIRECT_ORIGINS: 'https://example.ru, http://localhost:8080' }).FORM_REDIRECT_ORIGINS).toEqual(['https://example.ru', 'http://localhost:8080']);
    expect(parseEnv({}).FORM_REDIRECT_ORIGINS).toEqual([]);
  });

  it.each([
    ['DEFAULT_TIME_ZONE', 'Moscow', 'must be an IANA time zone like Europe/Moscow'],
    ['DEFAULT_COUNTRY', 'XX', 'must be an ISO 3166 two-letter country code'],
    ['DEFAULT_COUNTRY', 'Russia', 'must be an ISO 3166 two-letter country code'],
    ['WORKDAY_START', '25:00', 'must be a time HH:MM'],
    ['WORKDAY_START', '9', 'must be a time HH:MM'],
    ['WORKDAYS', 'mon-fri', 'must look like 1-5'],
    ['WORKDAYS', '5-1', 'ranges go from the earlier day'],
    ['PORT', 'eighty', 'must be a whole number from 0 to 65535'],
    ['FIRST_CONTACT_MINUTES', '0', 'must be at least 1'],
    ['MAX_BODY_BYTES', '1.5', 'must be a whole number'],
    ['FORM_RATE_LIMIT', 'many', 'must be a whole number'],
    ['TILDA_RATE_LIMIT', '-1', 'must be at least 0'],
    ['RATE_LIMIT_WINDOW_SECONDS', '0', 'must be at least 1'],
    ['TRUST_PROXY', 'maybe', 'TRUST_PROXY'],
    ['TELEGRAM_API_ROOT', 'api.telegram.org', 'must be a http or https URL'],
    ['PUBLIC_URL', 'http://crm.example.com', 'must be a https URL'],
    ['DATABASE_URL', './data/crm.db', 'must be a libSQL URL'],
    ['LOG_LEVEL', 'verbose', 'LOG_LEVEL'],
    ['FORM_REDIRECT_ORIGINS', 'https://example.ru/thanks', 'must be comma-separated origins'],
    ['FORM_REDIRECT_ORIGINS', 'example.ru', 'must be comma-separated origins'],
  ])('%s=%s is refused naming the variable', (name, value, message) => {
    const text = errorOf({ [name]: value });
    expect(text).toContain(`  ${name} `);
    expect(text).toContain(message);
  });

  it('names every wrong variable at once, and never echoes a secret', () => {
    const text = errorOf({ DEFAULT_TIME_ZONE: 'Mars/Base', WORKDAY_START: '9am', DATABASE_URL: 'postgres://u:secret@h/db' });
    expect(text.split('\n').filter((l) => l.startsWith('  ')).map((l) => l.trim().split(' ')[0])).toEqual(['DATABASE_URL', 'DEFAULT_TIME_ZONE', 'WORKDAY_START']);
    expect(text).toContain('(got "Mars/Base")');
    expect(text).not.toContain('secret');
  });
});
