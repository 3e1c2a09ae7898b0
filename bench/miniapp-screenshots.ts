/**
 * `npm run screenshots:app`: the README's pictures of the Mini App, taken by headless Chromium (the
 * same stand-in for telegram-web-app.js as the tests) over a seeded demo team: the board in
 * Telegram's light theme and the dashboard in the dark one. Writes docs/images/miniapp-*.png.
 */
import { mkdirSync } from 'node:fs';
import { createDb } from '../db/client.js';
import { runMigrations } from '../db/migrate.js';
import { signInitData } from '../miniapp/init-data.js';
import { createAppDeps } from '../src/app-deps.js';
import { createApp } from '../src/app.js';
import { parseEnv } from '../src/config.js';
import { nodeFonts } from '../src/entry/node-fonts.js';
import { nodeResvgWasm } from '../src/entry/node-resvg.js';
import { launchChromium, openMiniApp, serveApp } from '../test/helpers/miniapp-browser.js';
import { seedMiniAppWorld } from './lib/miniapp-world.js';

const TOKEN = '123456:screenshot-token';
const out = new URL('../docs/images/', import.meta.url);
mkdirSync(out, { recursive: true });

const handle = await createDb({ url: ':memory:' });
await runMigrations(handle.db);
const world = await seedMiniAppWorld(handle.db, new Date(), { openDeals: 60 });
const config = parseEnv({ DATABASE_URL: ':memory:', TELEGRAM_BOT_TOKEN: TOKEN, LOG_LEVEL: 'silent' });
const server = await serveApp(createApp(createAppDeps({ db: handle.db, config, fonts: nodeFonts, resvgWasm: nodeResvgWasm })));
const browser = await launchChromium();
const initData = () =>
  signInitData(
    { user: JSON.stringify({ id: world.owner.telegramId, first_name: 'Olga' }), auth_date: String(Math.floor(Date.now() / 1000)) },
    TOKEN,
  );
try {
  const viewport = { width: 390, height: 780 };
  const board = await openMiniApp(browser, server.url, await initData(), { scheme: 'light', viewport, deviceScaleFactor: 2 });
  await board.goto(`${server.url}/app`);
  await board.locator('.card').first().waitFor();
  await board.screenshot({ path: new URL('miniapp-board.png', out).pathname });

  const dash = await openMiniApp(browser, server.url, await initData(), { scheme: 'dark', viewport, deviceScaleFactor: 2 });
  await dash.goto(`${server.url}/app#dashboard`);
  await dash.locator('.funnel .bar').first().waitFor();
  await dash.screenshot({ path: new URL('miniapp-dashboard.png', out).pathname, fullPage: true });
  console.log(`wrote ${new URL('miniapp-board.png', out).pathname} and miniapp-dashboard.png`);
} finally {
  await browser.close();
  await server.close();
  handle.close();
}
