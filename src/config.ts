import { isSupportedCountry } from 'libphonenumber-js';
import * as z from 'zod';

const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');
const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

/** A whole number within bounds, with a message a person can act on ("abc" is not silently NaN). */
const int = (min: number, max: number) =>
  z.coerce.number({ error: `must be a whole number from ${min} to ${max}` }).int(`must be a whole number from ${min} to ${max}`).min(min, `must be at least ${min}`).max(max, `must be at most ${max}`);

const isTimeZone = (name: string) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
};

/** `https://example.ru` or `http://localhost:8080`: what a browser's Origin header looks like. */
const isOrigin = (v: string) => {
  try {
    const url = new URL(v);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === v;
  } catch {
    return false;
  }
};

/** An absolute URL with one of the given schemes (or empty: unset). */
const urlOf = (schemes: string[], example: string) =>
  optionalString.refine((v) => {
    if (v === undefined) return true;
    try {
      return schemes.includes(new URL(v).protocol);
    } catch {
      return false;
    }
  }, `must be a ${schemes.map((p) => p.replace(':', '')).join(' or ')} URL like ${example}`);

/**
 * Every environment variable the CRM reads, with its default. README's table mirrors this.
 * Parsed from whatever the platform hands over (process.env on Node, `env` per request on Workers).
 */
export const envSchema = z.object({
  PORT: int(0, 65535).default(8787),
  DATABASE_URL: z
    .string()
    .refine(
      (v) => v === ':memory:' || /^(file|libsql|https?|wss?):/.test(v),
      'must be a libSQL URL: file:./data/crm.db, :memory:, libsql://<db>.turso.io (or http(s)://, ws(s)://)',
    )
    .default('file:./data/crm.db'),
  DATABASE_AUTH_TOKEN: optionalString,
  DEFAULT_COUNTRY: z
    .string()
    .transform((v) => v.trim().toUpperCase())
    .refine((v) => isSupportedCountry(v), 'must be an ISO 3166 two-letter country code like RU, KZ or BY')
    .default('RU'),
  DEFAULT_TIME_ZONE: z
    .string()
    .transform((v) => v.trim())
    .refine(isTimeZone, 'must be an IANA time zone like Europe/Moscow or Asia/Novosibirsk')
    .default('Europe/Moscow'),
  DEFAULT_LANGUAGE: z.enum(['ru', 'en']).default('ru'),
  FIRST_CONTACT_MINUTES: int(1, 7 * 24 * 60).default(15),
  FORM_TOKEN: optionalString,
  FORM_REDIRECT_ORIGINS: optionalString
    .refine((v) => v === undefined || v.split(',').every((o) => isOrigin(o.trim())), 'must be comma-separated origins (scheme and host, no path) like https://example.ru,https://www.example.ru')
    .transform((v) => (v === undefined ? [] : v.split(',').map((o) => o.trim()).filter(Boolean))),
  ZADARMA_API_SECRET: optionalString,
  MANGO_API_KEY: optionalString,
  MANGO_API_SALT: optionalString,
  MAX_BODY_BYTES: int(1024, 64 * 1024 * 1024).default(64 * 1024),
  /** Requests per address and window on /hooks/form and /hooks/tilda (0 turns the limit off). */
  FORM_RATE_LIMIT: int(0, 1_000_000).default(20),
  TILDA_RATE_LIMIT: int(0, 1_000_000).default(300),
  RATE_LIMIT_WINDOW_SECONDS: int(1, 24 * 60 * 60).default(60),
  /** Behind a proxy or Cloudflare: take the sender's address from CF-Connecting-IP / X-Forwarded-For. */
  TRUST_PROXY: bool.default(false),
  TELEGRAM_BOT_TOKEN: optionalString,
  TELEGRAM_WEBHOOK_SECRET: optionalString,
  TELEGRAM_API_ROOT: urlOf(['http:', 'https:'], 'https://api.telegram.org'),
  PUBLIC_URL: urlOf(['https:'], 'https://crm.example.com'),
  LEADS_CHAT_ID: optionalString
    .refine((v) => v === undefined || /^-?\d+$/.test(v), 'must be a Telegram chat id like -1001234567890')
    .transform((v) => (v === undefined ? undefined : Number(v))),
  /** What the team chat shows of a new lead: short (no contacts; the default) or full. Overrides /settings. */
  TEAM_CHAT_DETAILS: z.enum(['short', 'full']).optional(),
  ASSIGNMENT: z.enum(['team_chat', 'round_robin']).default('team_chat'),
  WORKDAY_START: z
    .string()
    .regex(/^([01]?\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM from 00:00 to 23:59, like 09:00')
    .default('09:00'),
  WORKDAYS: z
    .string()
    .regex(/^[1-7](-[1-7])?(,[1-7](-[1-7])?)*$/, 'must look like 1-5 or 1,2,3,4,5,6 (1 = Monday, 7 = Sunday)')
    .refine((v) => v.split(',').every((part) => { const [a, b = a] = part.split('-'); return Number(a) <= Number(b); }), 'ranges go from the earlier day to the later one, like 1-5')
    .default('1-5')
    .transform(parseWeekdays),
  REMIND_BEFORE_MINUTES: int(0, 24 * 60).default(15),
  PROPOSAL_FOLLOW_UP_DAYS: int(1, 60).default(2),
  /** What a client who starts the bot reads first; the built-in greeting in their language when unset. */
  CLIENT_GREETING_RU: optionalString,
  CLIENT_GREETING_EN: optionalString,
  /** Offer clients a "Share phone number" button with the greeting. */
  CLIENT_ASK_PHONE: bool.default(true),
  JOBS: bool.default(true),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
});

export type Config = z.infer<typeof envSchema>;

/** "1-5" or "1,3,5-6" into ISO weekdays (1 = Monday ... 7 = Sunday). */
function parseWeekdays(spec: string): number[] {
  const days = new Set<number>();
  for (const part of spec.split(',')) {
    const [from, to = from] = part.split('-').map(Number) as [number, number?];
    for (let d = from; d <= to; d++) days.add(d);
  }
  return [...days].sort();
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** The value given, for settings that are not secrets (a token or a database URL is never echoed). */
function shown(name: string, source: Record<string, string | undefined>): string {
  const value = source[name];
  if (value === undefined || /TOKEN|SECRET|KEY|SALT|DATABASE_URL/.test(name)) return '';
  return ` (got ${JSON.stringify(value.slice(0, 100))})`;
}

export function parseEnv(source: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${String(i.path[0])} ${i.message}${shown(String(i.path[0]), source)}`);
    throw new ConfigError(`Invalid environment:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
