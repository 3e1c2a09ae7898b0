import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { botStatusBoard } from '../../src/core/telegram/bot-status.js';
import { FORM_TOKEN, json, useWebhookApp } from '../helpers/webhook-app.js';

describe('GET /health', () => {
  const t = useWebhookApp();

  it('reports the database, the bot and the notifications waiting for Telegram', async () => {
    const board = botStatusBoard('ok', t.deps.now);
    const app = createApp({ ...t.deps, botStatus: board.get });
    const idle = await app.request('/health');
    expect(idle.status).toBe(200);
    expect(await idle.json()).toMatchObject({
      status: 'ok',
      database: { ok: true },
      outbox: { due: 0, oldestDueSeconds: null, failed: 0 },
      bot: { state: 'ok', since: t.deps.now().toISOString() },
    });

    // A lead arrives and Telegram is unreachable: ten minutes later it shows as a backlog, and the bot's state says why.
    expect((await app.request(`/hooks/form?token=${FORM_TOKEN}`, json({ phone: '+79161234567' }))).status).toBe(201);
    board.set('unreachable', 'the Bot API at https://api.telegram.org did not answer (ECONNREFUSED)');
    t.deps.clock.advance(600_000);
    const res = await app.request('/health');
    expect(res.status).toBe(200);
    const backlog = await res.json();
    expect(backlog.outbox).toEqual({ due: 1, oldestDueSeconds: 600, failed: 0 });
    expect(backlog.bot).toMatchObject({ state: 'unreachable', error: expect.stringContaining('ECONNREFUSED') });
  });

  it('in intake-only mode (no TELEGRAM_BOT_TOKEN) shows the bot off and the queue held, not due', async () => {
    expect((await t.request(`/hooks/form?token=${FORM_TOKEN}`, json({ phone: '+79161234567' }))).status).toBe(201);
    t.deps.clock.advance(600_000);
    const res = await t.request('/health');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ status: 'ok', bot: { state: 'off' }, outbox: { held: 1, failed: 0 } });
    expect(body.outbox.due).toBeUndefined();
    expect(body.outbox.oldestDueSeconds).toBeUndefined();
  });

  it('answers 503 when the database is gone', async () => {
    t.h.close();
    const res = await t.request('/health');
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: 'degraded', database: { ok: false } });
  });
});
