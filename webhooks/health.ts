import { Hono } from 'hono';
import type { AppDeps } from '../src/app-deps.js';
import { checkHealth } from '../src/core/check-health.js';

export function healthRoutes(deps: AppDeps) {
  return new Hono().get('/health', async (c) => {
    const health = await checkHealth(deps);
    return c.json({ status: health.ok ? 'ok' : 'degraded', ...health }, health.ok ? 200 : 503);
  });
}
