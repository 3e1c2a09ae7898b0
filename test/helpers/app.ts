import type { Db } from '../../db/client.js';
import { createAppDeps, type AppDeps } from '../../src/app-deps.js';
import { parseEnv } from '../../src/config.js';
import { nodeFonts } from '../../src/entry/node-fonts.js';
import { nodeResvgWasm } from '../../src/entry/node-resvg.js';
import { TestClock } from './context.js';

/** App dependencies over a test database, a settable clock and env overrides. */
export function testDeps(db: Db, env: Record<string, string> = {}, clock = new TestClock()): AppDeps & { clock: TestClock } {
  const config = parseEnv({ DATABASE_URL: ':memory:', ...env });
  return { ...createAppDeps({ db, config, now: clock.now, fonts: nodeFonts, resvgWasm: nodeResvgWasm }), clock };
}
