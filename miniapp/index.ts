import { Hono } from 'hono';
import type { AppDeps } from '../src/app-deps.js';
import { miniAppApi } from './api.js';
import { miniAppPage } from './page.js';

/** The Telegram Mini App: the page at /app, its JSON API at /app/api. Same code on Node and Workers. */
export function createMiniApp(deps: AppDeps) {
  const app = new Hono();
  app.route('/api', miniAppApi(deps));
  app.route('/', miniAppPage());
  return app;
}
