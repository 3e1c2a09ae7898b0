import { Hono } from 'hono';
import type { AppDeps } from '../src/app-deps.js';
import type { BotStatus } from '../src/core/telegram/bot-status.js';
import { checkHealth } from '../src/core/operations/check-health.js';

/**
 * `GET /health`: 200 while intake works (the database answers), whatever Telegram does; the
 * `bot` block says where the Telegram side stands. 503 only when the database is down.
 */
export function healthRoutes(deps: AppDeps) {
  let offSince: string | undefined;
  return new Hono().get('/health', async (c) => {
    offSince ??= deps.now().toISOString();
    const health = await checkHealth(deps, botStatus(deps, offSince), { teamChatOverride: deps.config.LEADS_CHAT_ID });
    return c.json({ status: health.ok ? 'ok' : 'degraded', ...health }, health.ok ? 200 : 503);
  });
}

/** Tracked by the Node entry; elsewhere (Workers, tests) only "no token" is known for sure. */
function botStatus(deps: AppDeps, offSince: string): BotStatus | undefined {
  if (deps.botStatus) return deps.botStatus();
  if (!deps.config.TELEGRAM_BOT_TOKEN) return { state: 'off', since: offSince, error: 'TELEGRAM_BOT_TOKEN is not set: intake only, notifications are held in the outbox' };
  return undefined;
}
