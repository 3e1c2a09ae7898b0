import { Hono } from 'hono';
import type { AppDeps } from '../src/app-deps.js';
import { handleError, errorBody } from './errors.js';
import { formRoutes } from './form.js';
import { bitrixRoutes } from './bitrix.js';
import { healthRoutes } from './health.js';
import { partnerApiRoutes } from './partner-api.js';
import { mangoRoutes } from './mango.js';
import { tildaRoutes } from './tilda.js';
import { zadarmaRoutes } from './zadarma.js';

/** All HTTP intake in one Hono app: health, site forms, telephony and the partner API. */
export function createWebhooks(deps: AppDeps) {
  const app = new Hono();
  app.onError((err, c) => handleError(err, c));
  app.notFound((c) => c.json(errorBody('not_found', `No route for ${c.req.method} ${c.req.path}`), 404));
  app.route('/', healthRoutes(deps));
  app.route('/', formRoutes(deps));
  app.route('/', tildaRoutes(deps));
  app.route('/', zadarmaRoutes(deps));
  app.route('/', mangoRoutes(deps));
  app.route('/', partnerApiRoutes(deps));
  app.route('/', bitrixRoutes(deps));
  return app;
}
