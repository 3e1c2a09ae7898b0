import { Hono, type Context } from 'hono';
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
  app.onError((err, c) => handleError(err, c, deps.log));
  app.notFound(routeNotFound);
  app.route('/', healthRoutes(deps));
  app.route('/', formRoutes(deps));
  app.route('/', tildaRoutes(deps));
  app.route('/', zadarmaRoutes(deps));
  app.route('/', mangoRoutes(deps));
  app.route('/', partnerApiRoutes(deps));
  app.route('/', bitrixRoutes(deps));
  // Mounted under a parent app (src/app.ts), this app's notFound is never consulted and the parent's
  // plain-text "404 Not Found" answered unknown routes and wrong methods. A last catch-all keeps that
  // answer JSON with a message, as documented; routes the parent registers before mounting still win.
  app.all('*', routeNotFound);
  return app;
}

function routeNotFound(c: Context) {
  const what = `${c.req.method} ${c.req.path.slice(0, 200)}`;
  return c.json(errorBody('not_found', `No route for ${what}: intake endpoints take POST (see "Intake endpoints" in the README)`), 404);
}
