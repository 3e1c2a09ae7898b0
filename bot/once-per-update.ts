import type { Middleware } from 'grammy';
import type { AppDeps } from '../src/app-deps.js';
import { claimUpdate } from '../src/core/telegram/claim-update.js';
import type { BotContext } from './context.js';

/**
 * The outermost middleware: an update Telegram delivers again (a webhook answered after grammY's
 * timeout, a 500, a restart before polling confirmed it) is acknowledged and does nothing.
 */
export function oncePerUpdate(deps: Pick<AppDeps, 'db' | 'now'>): Middleware<BotContext> {
  return async (ctx, next) => {
    if (await claimUpdate(deps, ctx.update.update_id)) await next();
  };
}
