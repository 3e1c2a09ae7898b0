import * as z from 'zod';

const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');
const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

/**
 * Every environment variable the CRM reads, with its default. README's table mirrors this.
 * Parsed from whatever the platform hands over (process.env on Node, `env` per request on Workers).
 */
export const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  DATABASE_URL: z.string().default('file:./data/crm.db'),
  DATABASE_AUTH_TOKEN: optionalString,
  DEFAULT_COUNTRY: z
    .string()
    .length(2)
    .transform((v) => v.toUpperCase())
    .default('RU'),
  DEFAULT_TIME_ZONE: z.string().default('Europe/Moscow'),
  DEFAULT_LANGUAGE: z.enum(['ru', 'en']).default('ru'),
  FIRST_CONTACT_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(15),
  FORM_TOKEN: optionalString,
  ZADARMA_API_SECRET: optionalString,
  MANGO_API_KEY: optionalString,
  MANGO_API_SALT: optionalString,
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(64 * 1024),
  TELEGRAM_BOT_TOKEN: optionalString,
  TELEGRAM_WEBHOOK_SECRET: optionalString,
  TELEGRAM_API_ROOT: optionalString,
  PUBLIC_URL: optionalString,
  LEADS_CHAT_ID: optionalString
    .refine((v) => v === undefined || /^-?\d+$/.test(v), 'must be a Telegram chat id like -1001234567890')
    .transform((v) => (v === undefined ? undefined : Number(v))),
  ASSIGNMENT: z.enum(['team_chat', 'round_robin']).default('team_chat'),
  WORKDAY_START: z
    .string()
    .regex(/^\d{1,2}:\d{2}$/, 'WORKDAY_START must look like 09:00')
    .default('09:00'),
  WORKDAYS: z
    .string()
    .regex(/^[1-7](-[1-7])?(,[1-7](-[1-7])?)*$/, 'WORKDAYS must look like 1-5 or 1,2,3,4,5,6 (1 = Monday, 7 = Sunday)')
    .default('1-5')
    .transform(parseWeekdays),
  REMIND_BEFORE_MINUTES: z.coerce.number().int().min(0).max(24 * 60).default(15),
  PROPOSAL_FOLLOW_UP_DAYS: z.coerce.number().int().min(1).max(60).default(2),
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

export function parseEnv(source: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid environment:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
