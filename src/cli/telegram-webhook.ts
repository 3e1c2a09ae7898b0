import { Api } from 'grammy';
import { syncCommandMenus } from '../../bot/commands.js';
import type { Config } from '../config.js';
import type { CoreContext } from '../core/shared/context.js';

/**
 * The update kinds the bot handles; Telegram sends nothing else, which saves Worker invocations.
 * chat_member: who joins the team chat (reported to the owner when not on the team); needs the bot to be an admin there.
 * The business ones carry the chats of managers who connected their Telegram Business account.
 */
export const ALLOWED_UPDATES = [
  'message',
  'callback_query',
  'my_chat_member',
  'chat_member',
  'business_connection',
  'business_message',
  'edited_business_message',
  'deleted_business_messages',
] as const;

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

/**
 * `crm telegram set-webhook`: the webhook, then the command menus — the public one, and each
 * member's by role when the CLI can read the team (`db`; a D1 database it cannot reach leaves
 * those to the Worker's first update). Returns how many member menus were set, or null without a team.
 */
export async function setWebhookAndMenus(
  config: Config,
  opts: SetWebhookOptions,
  deps: { api?: Api; db?: CoreContext['db'] } = {},
): Promise<{ url: string; memberMenus: number | null; failed: number[] }> {
  const client = deps.api ?? new Api(config.TELEGRAM_BOT_TOKEN ?? '', config.TELEGRAM_API_ROOT ? { apiRoot: config.TELEGRAM_API_ROOT } : {});
  const url = await setTelegramWebhook(config, opts, client);
  if (!deps.db) {
    await syncCommandMenus(client, null, config.DEFAULT_LANGUAGE);
    return { url, memberMenus: null, failed: [] };
  }
  const { members, failed } = await syncCommandMenus(client, { db: deps.db }, config.DEFAULT_LANGUAGE);
  return { url, memberMenus: members, failed: failed.map((f) => f.chatId) };
}

export async function deleteTelegramWebhook(config: Config, dropPending: boolean, api?: Api): Promise<void> {
  if (!config.TELEGRAM_BOT_TOKEN) throw new Error('Set TELEGRAM_BOT_TOKEN first');
  const client = api ?? new Api(config.TELEGRAM_BOT_TOKEN, config.TELEGRAM_API_ROOT ? { apiRoot: config.TELEGRAM_API_ROOT } : {});
  await client.deleteWebhook({ drop_pending_updates: dropPending });
}

export interface TelegramStatus {
  bot: string;
  webhook: string;
  pendingUpdates: number;
  lastError?: string;
  /** The bot state the running server reports on /health, when it answers. */
  server?: string;
}

/**
 * `crm telegram status`: what Telegram knows (the webhook, updates waiting, its last delivery error)
 * and what the running server says of its bot on /health.
 */
export async function telegramStatus(config: Config, api?: Api, healthUrl = `http://127.0.0.1:${config.PORT}/health`): Promise<TelegramStatus> {
  if (!config.TELEGRAM_BOT_TOKEN) throw new Error('Set TELEGRAM_BOT_TOKEN first');
  const client = api ?? new Api(config.TELEGRAM_BOT_TOKEN, config.TELEGRAM_API_ROOT ? { apiRoot: config.TELEGRAM_API_ROOT } : {});
  const [me, info] = await Promise.all([client.getMe(), client.getWebhookInfo()]);
  const status: TelegramStatus = {
    bot: `@${me.username} (id ${me.id})`,
    webhook: info.url ? info.url : 'none (the server long-polls)',
    pendingUpdates: info.pending_update_count,
  };
  if (info.last_error_message) {
    const at = info.last_error_date ? new Date(info.last_error_date * 1000).toISOString() : 'unknown time';
    status.lastError = `${info.last_error_message} (${at})`;
  }
  try {
    const res = await fetch(healthUrl, { signal: AbortSignal.timeout(2_000) });
    const body = (await res.json()) as { bot?: { state?: string; since?: string; error?: string } };
    status.server = body.bot ? `${body.bot.state} since ${body.bot.since}${body.bot.error ? `: ${body.bot.error}` : ''}` : `answers ${res.status}, no bot state`;
  } catch {
    status.server = `no answer at ${healthUrl}`;
  }
  return status;
}
