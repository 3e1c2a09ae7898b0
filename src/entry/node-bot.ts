import { Api, GrammyError, HttpError } from 'grammy';
import { createBot, type CrmBot } from '../../bot/create-bot.js';
import { syncCommandMenus } from '../../bot/commands.js';
import { registerMenuButton } from '../../bot/mini-app.js';
import { startOutboxRunner, type OutboxRunner } from '../../bot/outbox/runner.js';
import type { AppDeps } from '../app-deps.js';
import { ALLOWED_UPDATES, setTelegramWebhook } from '../cli/telegram-webhook.js';
import type { Config } from '../config.js';
import { botStatusBoard, type BotState, type BotStatusBoard } from '../core/telegram/bot-status.js';
import { startTaskRunner, type TaskRunner } from '../jobs/task-runner.js';
import { botTaskHandlers } from '../../bot/tasks/index.js';

export interface NodeBot {
  bot: CrmBot;
  /** Where the Telegram side stands (for /health). */
  status: BotStatusBoard;
  /** Resolves once the bot is known to Telegram and serving (or when stopped before that). */
  ready: Promise<void>;
  /** Deliver the outbox now (a fresh lead); a no-op until Telegram has answered once. */
  kick(): void;
  stop(): Promise<void>;
}

export interface Backoff {
  firstMs: number;
  maxMs: number;
}

const DEFAULT_BACKOFF: Backoff = { firstMs: 1_000, maxMs: 30_000 };

/**
 * Node: brings the bot up in the background, so intake never waits for Telegram. getMe, the
 * command menu, then long polling (no webhook secret) or the webhook (with one), each retried
 * with a growing pause while Telegram is unreachable, refuses the token or sees another poller.
 * The outbox runner starts once Telegram has answered: whatever arrived meanwhile goes out then.
 */
export function superviseNodeBot(
  deps: AppDeps,
  bot: CrmBot,
  opts: { log?: (line: string) => void; backoff?: Backoff; status?: BotStatusBoard } = {},
): NodeBot {
  const { config } = deps;
  const log = opts.log ?? ((line: string) => deps.log.info(line));
  const backoff = opts.backoff ?? DEFAULT_BACKOFF;
  const status = opts.status ?? botStatusBoard('starting', deps.now);
  let stopped = false;
  let runner: OutboxRunner | undefined;
  let tasks: TaskRunner | undefined;
  let stopListening: (() => void) | undefined;
  let delay = backoff.firstMs;
  let wake: (() => void) | undefined;

  const pause = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, delay);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
      delay = Math.min(delay * 2, backoff.maxMs);
    });
  const failed = async (step: string, e: unknown) => {
    const { state, error } = describeBotFailure(e, config);
    const changed = status.get().state !== state || status.get().error !== error;
    status.set(state, error);
    if (changed) log(`bot: ${step} failed, ${state}: ${error} (retrying with backoff up to ${backoff.maxMs / 1000}s)`);
    await pause();
  };
  const serving = (line: string) => {
    delay = backoff.firstMs;
    status.set('ok');
    log(line);
  };

  // A bare client for the first contact: bot.init() and the bot's auto-retry would each retry
  // network errors on their own, in silence, and /health could not tell "starting" from "unreachable".
  const probe = new Api(bot.api.token, bot.api.options);
  const ready = (async () => {
    while (!stopped && !bot.isInited()) {
      try {
        bot.botInfo = await probe.getMe();
      } catch (e) {
        await failed('getMe', e);
      }
    }
    if (stopped) return;
    await registerMenus(deps, bot.api, log);
    await registerMenuButton(bot.api, config.PUBLIC_URL, config.DEFAULT_LANGUAGE).catch((e) => log(`bot: setChatMenuButton failed: ${String(e)}`));
    runner = startOutboxRunner(deps, bot, { intervalMs: 2_000, onError: (e) => deps.log.error('outbox: delivery run failed', e) });
    // Long work the bot queued (CSV imports) runs here, off the update's path; a task a crashed process left is resumed.
    tasks = startTaskRunner(deps, botTaskHandlers(deps, bot.api), { onError: (e) => deps.log.error('tasks: run failed', e) });
    stopListening = deps.taskQueued.listen(tasks.kick);
    if (config.TELEGRAM_WEBHOOK_SECRET) await startWebhook();
    else void poll();
  })();

  async function startWebhook() {
    if (!config.PUBLIC_URL) {
      serving(`bot @${bot.botInfo.username}: serving POST /telegram (set PUBLIC_URL to register the webhook)`);
      return;
    }
    while (!stopped) {
      try {
        // The CLI's call, so the server and `npm run crm -- telegram set-webhook` never drift.
        const url = await setTelegramWebhook(config, { url: config.PUBLIC_URL, dropPending: false }, bot.api);
        serving(`bot @${bot.botInfo.username}: webhook ${url}`);
        return;
      } catch (e) {
        await failed('setWebhook', e);
      }
    }
  }

  async function poll() {
    // Serving means a getUpdates went through: onStart fires before the first one, and a 409 comes after it.
    bot.api.config.use(async (prev, method, payload, signal) => {
      const res = await prev(method, payload, signal);
      if (method === 'getUpdates' && res.ok && status.get().state !== 'ok' && !stopped) serving(`bot @${bot.botInfo.username}: long polling`);
      return res;
    });
    while (!stopped) {
      try {
        // The same update kinds as the webhook: a getUpdates without them keeps whatever was set last.
        await bot.start({ allowed_updates: [...ALLOWED_UPDATES] });
        return; // bot.stop() was called
      } catch (e) {
        await failed('long polling', e);
      }
    }
  }

  return {
    bot,
    status,
    ready,
    kick: () => runner?.kick(),
    stop: async () => {
      stopped = true;
      wake?.();
      if (bot.isRunning()) await bot.stop().catch(() => {});
      stopListening?.();
      await tasks?.stop();
      await runner?.stop();
    },
  };
}

/** Starts the bot and waits until it serves (tests and tools that want it up before going on). */
/**
 * The command menus (public, and each member's by role) on every start: roles may have changed
 * while the server was down, and a menu that fails to set must not keep the bot from serving.
 */
async function registerMenus(deps: AppDeps, api: Api, log: (line: string) => void): Promise<void> {
  try {
    const { failed } = await syncCommandMenus(api, deps, deps.config.DEFAULT_LANGUAGE);
    for (const f of failed) log(`bot: setMyCommands for chat ${f.chatId} failed: ${String(f.error)}`);
  } catch (e) {
    log(`bot: setMyCommands failed: ${String(e)}`);
  }
}

export async function startNodeBot(deps: AppDeps, bot: CrmBot, log: (line: string) => void): Promise<NodeBot> {
  const nodeBot = superviseNodeBot(deps, bot, { log });
  await nodeBot.ready;
  return nodeBot;
}

/** What a failed Bot API call means for the operator, naming what to change where it is on our side. */
export function describeBotFailure(e: unknown, config: Pick<Config, 'TELEGRAM_API_ROOT'>): { state: BotState; error: string } {
  if (e instanceof GrammyError) {
    if (e.error_code === 401 || e.error_code === 404) {
      return { state: 'unauthorized', error: `Telegram refused TELEGRAM_BOT_TOKEN (${e.error_code} ${e.description}): the token is revoked or mistyped; set TELEGRAM_BOT_TOKEN to the token @BotFather gives and restart` };
    }
    if (e.error_code === 409) {
      return { state: 'conflict', error: `another process is long-polling this bot (409 ${e.description}): stop the other instance, or run this one in webhook mode (TELEGRAM_WEBHOOK_SECRET and PUBLIC_URL)` };
    }
    return { state: 'unreachable', error: `the Bot API answered ${e.error_code} ${e.description}` };
  }
  const root = config.TELEGRAM_API_ROOT ?? 'https://api.telegram.org';
  const reason = e instanceof HttpError ? describeNetwork(e.error) : e instanceof Error ? e.message : String(e);
  return { state: 'unreachable', error: `the Bot API at ${root} did not answer (${reason}); set TELEGRAM_API_ROOT if this server reaches Telegram through a local Bot API server` };
}

function describeNetwork(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const own = (error as { code?: string }).code;
  const cause = error.cause as { code?: string; message?: string } | undefined;
  return own ?? cause?.code ?? cause?.message ?? error.message;
}

export function makeNodeBot(deps: AppDeps): CrmBot | undefined {
  const { TELEGRAM_BOT_TOKEN: token, TELEGRAM_API_ROOT: apiRoot } = deps.config;
  return token ? createBot({ ...deps, token, ...(apiRoot ? { apiRoot } : {}) }) : undefined;
}
