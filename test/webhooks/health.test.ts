import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FORM_TOKEN, json, webhookApp, type WebhookApp } from '../helpers/webhook-app.js';

describe('GET /health', () => {
  let t: WebhookApp;
  beforeEach(async () => {
    t = await webhookApp();
  });
  afterEach(() => t.close());

  it('reports the database and the notifications waiting for Telegram', async () => {
    const idle = await t.request('/health');
    expect(idle.status).toBe(200);
    expect(await idle.json()).toMatchObject({
      status: 'ok',
      database: { ok: true },
      outbox: { due: 0, oldestDueSeconds: null, failed: 0 },
    });

    // A lead arrives and nobody delivers its card (no bot here): ten minutes later it shows as a backlog.
    expect((await t.request(`/hooks/form?token=${FORM_TOKEN}`, json({ phone: '+79161234567' }))).status).toBe(201);
    t.deps.clock.advance(600_000);
    const backlog = await (await t.request('/health')).json();
    expect(backlog.outbox).toEqual({ due: 1, oldestDueSeconds: 600, failed: 0 });
  });

  it('answers 503 when the database is gone', async () => {
    t.h.close();
    const res = await t.request('/health');
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: 'degraded', database: { ok: false } });
  });
});
