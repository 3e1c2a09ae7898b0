import type { DbHandle } from '../../db/client.js';
import { createAppDeps, type AppDeps } from '../app-deps.js';
import type { Config } from '../config.js';
import type { BotStatus } from '../core/telegram/bot-status.js';
import type { Logger } from '../core/shared/logger.js';
import { coalescingWriter } from './coalescing-writer.js';
import { nodeFonts } from './node-fonts.js';
import { nodeResvgWasm } from './node-resvg.js';

/** How the Node process composes its dependencies; `npm start` and the benches share it. */
export function createNodeDeps(config: Config, database: DbHandle, opts: { onOutbox?: () => void; log?: Logger; botStatus?: () => BotStatus } = {}): AppDeps {
  // An embedded file has one writer: group concurrent intake writes into shared commits.
  const writer = database.client.protocol === 'file' ? coalescingWriter(database.db) : undefined;
  return createAppDeps({ db: database.db, config, fonts: nodeFonts, resvgWasm: nodeResvgWasm, ...(writer ? { writer } : {}), ...opts });
}
