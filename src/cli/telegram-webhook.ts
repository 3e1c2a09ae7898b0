import { Api } from 'grammy';
import type { Config } from '../config.js';

/** The update kinds the bot handles; Telegram sends nothing else, which saves Worker invocations. */
export const ALLOWED_UPDATES = ['message', 'callback_query', 'my_chat_member'] as const;

export interface SetWebhookOptions {
  url: string;
  dropPending: boolean;
}

/**
 * Points Telegram at `<url>/telegram` with the secret token the server checks
 * (TELEGRAM_WEBHOOK_SECRET). Pending updates are kept unless asked: a redeploy must not lose taps.
 */
export async function setTelegramWebhook(config: Config, opts: SetWebhookOptions, api?: Api): Promise<string> {
  if (!config.TELEGRAM_BOT_TOKEN) throw new Error('Set TELEGRAM_BOT_TOKEN first');
  if (!config.TELEGRAM_WEBHOOK_SECRET) {
    throw new Error('Set TELEGRAM_WEBHOOK_SECRET first (the same value the server has), e.g. openssl rand -hex 32');
  }
  const base = new URL(opts.url);
  if (base.protocol !== 'https:') throw new Error(`Telegram needs an https URL, got ${opts.url}`);
  const target = new URL(base.pathname.replace(/\/?(telegram)?\/?$/, '/telegram'), base).toString();
  const client = api ?? new Api(config.TELEGRAM_BOT_TOKEN, config.TELEGRAM_API_ROOT ? { apiRoot: config.TELEGRAM_API_ROOT } : {});
  await client.setWebhook(target, {
    secret_token: config.TELEGRAM_WEBHOOK_SECRET,
    allowed_updates: [...ALLOWED_UPDATES],
    drop_pending_updates: opts.dropPending,
  });
  return target;
}

export async function deleteTelegramWebhook(config: Config, dropPending: boolean, api?: Api): Promise<void> {
  if (!config.TELEGRAM_BOT_TOKEN) throw new Error('Set TELEGRAM_BOT_TOKEN first');
  const client = api ?? new Api(config.TELEGRAM_BOT_TOKEN, config.TELEGRAM_API_ROOT ? { apiRoot: config.TELEGRAM_API_ROOT } : {});
  await client.deleteWebhook({ drop_pending_updates: dropPending });
}
