import type { Db } from '../db/client.js';
import type { Config } from './config.js';
import type { Actor, CoreContext, CoreSettings } from './core/context.js';
import type { FontSource } from './render/fonts.js';
import type { WasmSource } from './render/resvg.js';
import type { BatchWriter } from './core/batch-writer.js';

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
}

export function coreSettings(config: Config): CoreSettings {
  return {
    defaultCountry: config.DEFAULT_COUNTRY,
    defaultTimeZone: config.DEFAULT_TIME_ZONE,
    firstContactMinutes: config.FIRST_CONTACT_MINUTES,
    proposalFollowUpDays: config.PROPOSAL_FOLLOW_UP_DAYS,
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
}): AppDeps {
  const now = opts.now ?? (() => new Date());
  const settings = coreSettings(opts.config);
  return {
    db: opts.db,
    config: opts.config,
    now,
    fonts: opts.fonts,
    resvgWasm: opts.resvgWasm,
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
