import { Hono } from 'hono';
import { webhookCallback } from 'grammy';
import { createBot, type CrmBot } from '../bot/create-bot.js';
import { createWebhooks } from '../webhooks/index.js';
import { createMiniApp } from '../miniapp/index.js';
import type { AppDeps } from './app-deps.js';

export interface CreateAppOptions {
  /** The bot to serve at POST /telegram; made from the config when omitted (Workers). */
  bot?: CrmBot;
}

/**
 * The composition root for HTTP: the same app serves Node and Workers. With a bot token and
 * TELEGRAM_WEBHOOK_SECRET, Telegram's updates arrive at POST /telegram; grammY checks the
 * X-Telegram-Bot-Api-Secret-Token header and answers 401 to anything else.
 */
export function createApp(deps: AppDeps, opts: CreateAppOptions = {}) {
  const app = new Hono();
  const { TELEGRAM_BOT_TOKEN: token, TELEGRAM_WEBHOOK_SECRET: secretToken, TELEGRAM_API_ROOT: apiRoot } = deps.config;
  if (token && secretToken) {
    const bot = opts.bot ?? createBot({ ...deps, token, ...(apiRoot ? { apiRoot } : {}) });
    app.post('/telegram', webhookCallback(bot, 'hono', { secretToken }));
  }
  // Before the webhooks: their last catch-all answers every path it sees.
  app.route('/app', createMiniApp(deps));
  app.route('/', createWebhooks(deps));
  return app;
}
