import { existsSync } from 'node:fs';

/**
 * Node: reads `./.env` into process.env when present (variables already set win), so an operator
 * can keep the bot token and secrets in one file next to `npm start`.
 */
export function loadEnvFile(path = '.env'): void {
  if (!existsSync(path)) return;
  const before = { ...process.env };
  process.loadEnvFile(path);
  Object.assign(process.env, before);
}
