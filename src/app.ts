import { Hono } from 'hono';
import { createWebhooks } from '../webhooks/index.js';
import type { AppDeps } from './app-deps.js';

/** The composition root for HTTP: the same app serves Node and Workers. */
export function createApp(deps: AppDeps) {
  const app = new Hono();
  app.route('/', createWebhooks(deps));
  return app;
}
