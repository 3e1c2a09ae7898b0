import type { Db } from '../db/client.js';
import type { Config } from './config.js';
import type { Actor, CoreContext, CoreSettings } from './core/shared/context.js';
import type { FontSource } from './render/fonts.js';
import type { WasmSource } from './render/resvg.js';
import type { BatchWriter } from './core/shared/batch-writer.js';
import type { BotStatus } from './core/telegram/bot-status.js';
import { createLogger, type Logger } from './core/shared/logger.js';

/**
 * What the adapters (webhooks, bot, jobs) receive from the composition root.
 * `core(actor)` makes the context a use case takes, with the shared clock and settings.
 */
export interface AppDeps {
  db: Db;
  config: Config;
  now: () => Date;
  core: (actor: Actor) => CoreContext;
  /** Fonts for PDFs and charts; the entry decides where they come from. */
  fonts: FontSource;
  /** The resvg WebAssembly for charts: read from node_modules on Node, a bundled module on Workers. */
  resvgWasm: WasmSource;
  /** The process's logger (LOG_LEVEL); adapters log through it, never with console directly. */
  log: Logger;
  /** The Telegram side's state for /health; absent where the entry does not track it (Workers). */
  botStatus?: () => BotStatus;
  /** "A background task was queued": the Node task runner listens, so the work starts at once. */
  taskQueued: TaskSignal;
}

export interface TaskSignal {
  notify(): void;
  /** Returns the function that stops listening. */
  listen(fn: () => void): () => void;
}

export function taskSignal(): TaskSignal {
  const listeners = new Set<() => void>();
  return {
    notify: () => listeners.forEach((fn) => fn()),
    listen: (fn) => {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  };
}

export function coreSettings(config: Config): CoreSettings {
  return {
    defaultCountry: config.DEFAULT_COUNTRY,
    defaultTimeZone: config.DEFAULT_TIME_ZONE,
    firstContactMinutes: config.FIRST_CONTACT_MINUTES,
    proposalFollowUpDays: config.PROPOSAL_FOLLOW_UP_DAYS,
    defaultLanguage: config.DEFAULT_LANGUAGE,
  };
}

export function createAppDeps(opts: {
  db: Db;
  config: Config;
  now?: () => Date;
  onOutbox?: () => void;
  fonts: FontSource;
  resvgWasm: WasmSource;
  writer?: BatchWriter;
  log?: Logger;
  botStatus?: () => BotStatus;
}): AppDeps {
  const now = opts.now ?? (() => new Date());
  const settings = coreSettings(opts.config);
  return {
    db: opts.db,
    config: opts.config,
    now,
    fonts: opts.fonts,
    resvgWasm: opts.resvgWasm,
    log: opts.log ?? createLogger(opts.config.LOG_LEVEL),
    ...(opts.botStatus ? { botStatus: opts.botStatus } : {}),
    taskQueued: taskSignal(),
    core: (actor) => ({
      db: opts.db,
      actor,
      now,
      settings,
      ...(opts.onOutbox ? { onOutbox: opts.onOutbox } : {}),
      ...(opts.writer ? { writer: opts.writer } : {}),
    }),
  };
}
