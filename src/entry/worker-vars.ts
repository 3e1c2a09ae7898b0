import { ConfigError, envSchema } from '../config.js';

/**
 * The Worker's settings as parseEnv reads them. Wrangler hands an unquoted `[vars]` value over as
 * a number or a boolean (`LEADS_CHAT_ID = -100123` arrives as a number): those are taken as their
 * text, so nothing is silently dropped. Any other non-text value under a setting's name (a table,
 * a list) stops the start with the variable's name. Bindings (DB and the like) are not settings.
 */
export function workerVars(env: Record<string, unknown>): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (typeof value === 'string') vars[name] = value;
    else if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') vars[name] = String(value);
    else if (name in envSchema.shape && value !== undefined && value !== null) {
      throw new ConfigError(`Invalid environment:\n  ${name}: must be a text, number or boolean in [vars], got ${Array.isArray(value) ? 'a list' : typeof value}`);
    }
  }
  return vars;
}
