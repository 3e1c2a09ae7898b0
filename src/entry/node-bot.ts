import { createBot, type CrmBot } from '../../bot/create-bot.js';
import { registerCommands } from '../../bot/commands.js';
import { registerMenuButton } from '../../bot/mini-app.js';
import { startOutboxRunner, type OutboxRunner } from '../../bot/outbox/runner.js';
import type { AppDeps } from '../app-deps.js';
import { setTelegramWebhook } from '../cli/telegram-webhook.js';

export interface NodeBot {
  bot: CrmBot;
  runner: OutboxRunner;
  stop(): Promise<void>;
}

/**
 * Node: the bot with long polling when no webhook secret is set (a laptop, a server without a
 * public URL), or ready for POST /telegram when it is (the webhook is registered if PUBLIC_URL is
 * known). Either way the outbox runner delivers notifications every 2 s and on every kick.
 */
export async function startNodeBot(deps: AppDeps, bot: CrmBot, log: (line: string) => void): Promise<NodeBot> {
  const { config } = deps;
  await bot.init();
  await registerCommands(bot.api, config.DEFAULT_LANGUAGE).catch((e) => log(`setMyCommands failed: ${String(e)}`));
  await registerMenuButton(bot.api, config.PUBLIC_URL, config.DEFAULT_LANGUAGE).catch((e) => log(`setChatMenuButton failed: ${String(e)}`));
  const runner = startOutboxRunner(deps, bot, { intervalMs: 2_000, onError: (e) => log(`outbox: ${String(e)}`) });

  if (config.TELEGRAM_WEBHOOK_SECRET) {
    if (config.PUBLIC_URL) {
      // The CLI's call, so the server and `npm run crm -- telegram set-webhook` never drift
      // (the same /telegram path, secret and allowed_updates); the bot's own client and API root.
      const url = await setTelegramWebhook(config, { url: config.PUBLIC_URL, dropPending: false }, bot.api);
      log(`bot @${bot.botInfo.username}: webhook ${url}`);
    } else {
      log(`bot @${bot.botInfo.username}: serving POST /telegram (set PUBLIC_URL to register the webhook)`);
    }
  } else {
    void bot.start({ onStart: () => log(`bot @${bot.botInfo.username}: long polling`) }).catch((e) => log(`polling stopped: ${String(e)}`));
  }
  return {
    bot,
    runner,
    stop: async () => {
      if (bot.isRunning()) await bot.stop();
      await runner.stop();
    },
  };
}

export function makeNodeBot(deps: AppDeps): CrmBot | undefined {
  const { TELEGRAM_BOT_TOKEN: token, TELEGRAM_API_ROOT: apiRoot } = deps.config;
  return token ? createBot({ ...deps, token, ...(apiRoot ? { apiRoot } : {}) }) : undefined;
}
