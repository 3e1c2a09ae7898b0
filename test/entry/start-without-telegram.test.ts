import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../bench/lib/server-process.js';
import { listenBotApi } from '../helpers/bot-api-server.js';
import { useProductRun, waitFor } from '../helpers/product-process.js';

/**
 * Intake never waits for Telegram: the real server process, started as the README says, with the
 * Bot API's port refusing connections. It listens, takes a site form lead and stores it; once the
 * Bot API comes up on that port, the lead's card reaches the team chat without a restart.
 */
describe('start without Telegram', () => {
  const run = useProductRun();

  it('serves /health and takes a form lead within 5 s while the Bot API refuses connections; the card goes out once it accepts', { timeout: 90_000 }, async () => {
    const dir = run.tempDir('crm-start-');
    const [port, botPort] = [await freePort(), await freePort()];
    const started = Date.now();
    const product = run.start({
      PORT: String(port),
      DATABASE_URL: `file:${join(dir, 'crm.db')}`,
      FORM_TOKEN: 'form-token-1',
      TELEGRAM_BOT_TOKEN: '123:abc',
      TELEGRAM_API_ROOT: `http://127.0.0.1:${botPort}`,
      LEADS_CHAT_ID: '-1001234567890',
      LOG_LEVEL: 'info',
    });
    const p = product;

    // The 5 s goal is a figure printed here, not an assertion: on a loaded machine Node's own start varies.
    // What is asserted is the order: intake answers while the bot has not reached Telegram.
    const health = await waitFor('/health', async () => {
      const res = await fetch(`${p.url}/health`);
      return res.status === 200 ? ((await res.json()) as any) : undefined;
    }, 60_000, p.output);
    expect(health.status).toBe('ok');
    expect(['starting', 'unreachable']).toContain(health.bot.state);

    const res = await fetch(`${p.url}/hooks/form?token=form-token-1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Анна Старт', phone: '+7 916 123-45-67' }),
    });
    expect(res.status).toBe(201);
    console.log(`start without Telegram: healthy and a lead stored ${Date.now() - started} ms after spawn`);

    const db = createClient({ url: `file:${join(dir, 'crm.db')}` });
    const stored = await db.execute('select name, phone from leads');
    db.close();
    expect(stored.rows.map((r) => [r.name, r.phone])).toEqual([['Анна Старт', '+79161234567']]);

    // Telegram unreachable: /health says so, naming the address it tries, and stays 200.
    const unreachable = await waitFor('bot state unreachable', async () => {
      const h = (await (await fetch(`${p.url}/health`)).json()) as any;
      return h.bot.state === 'unreachable' ? h : undefined;
    }, 30_000, p.output);
    expect(unreachable.bot.error).toContain(`http://127.0.0.1:${botPort}`);
    expect(unreachable.outbox.due).toBe(1);

    // The start log lists each intake route, on or off with the variable that turns it on.
    expect(p.output()).toContain('on   POST /hooks/form (FORM_TOKEN)');
    expect(p.output()).toContain('off  POST /hooks/zadarma: set ZADARMA_API_SECRET to turn it on');

    const botApi = await run.listenBotApi(botPort);
    const api = botApi;
    const card = await waitFor('the lead card in the team chat', async () => api.sent.find((m) => m.chatId === -1001234567890), 45_000, p.output);
    // The team chat's card shows the first name and no phone; the taker gets the rest in private.
    expect(card.text).toContain('Анна');
    expect(card.text).not.toContain('916');
    await waitFor('bot state ok', async () => {
      const h = (await (await fetch(`${p.url}/health`)).json()) as any;
      return h.bot.state === 'ok' ? true : undefined;
    }, 15_000, p.output);
    await waitFor('the outbox drained', async () => {
      const h = (await (await fetch(`${p.url}/health`)).json()) as any;
      return h.outbox.due === 0 ? true : undefined;
    }, 10_000);
    expect(api.sent.filter((m) => m.chatId === -1001234567890)).toHaveLength(1);
  });

  it('names TELEGRAM_BOT_TOKEN in /health when Telegram refuses the token, and intake goes on', { timeout: 60_000 }, async () => {
    const dir = run.tempDir('crm-start-');
    const [port, botPort] = [await freePort(), await freePort()];
    await run.listenBotApi(botPort, { getMe: 'unauthorized' });
    const product = run.start({
      PORT: String(port),
      DATABASE_URL: `file:${join(dir, 'crm.db')}`,
      FORM_TOKEN: 'form-token-1',
      TELEGRAM_BOT_TOKEN: '123:revoked',
      TELEGRAM_API_ROOT: `http://127.0.0.1:${botPort}`,
    });
    const p = product;
    const h = await waitFor('bot state unauthorized', async () => {
      const body = (await (await fetch(`${p.url}/health`)).json()) as any;
      return body.bot.state === 'unauthorized' ? body : undefined;
    }, 60_000, p.output);
    expect(h.status).toBe('ok');
    expect(h.bot.error).toContain('TELEGRAM_BOT_TOKEN');
    const res = await fetch(`${p.url}/hooks/form?token=form-token-1`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ phone: '+79161234568' }).toString(),
    });
    expect(res.status).toBe(201);
  });

  it('shows intake-only mode as healthy: bot off, the outbox held rather than due', { timeout: 60_000 }, async () => {
    const dir = run.tempDir('crm-start-');
    const port = await freePort();
    const product = run.start({ PORT: String(port), DATABASE_URL: `file:${join(dir, 'crm.db')}`, FORM_TOKEN: 'form-token-1' });
    const p = product;
    await waitFor('/health', async () => ((await fetch(`${p.url}/health`)).ok ? true : undefined), 60_000, p.output);
    const res = await fetch(`${p.url}/hooks/form?token=form-token-1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ phone: '+79161234569' }),
    });
    expect(res.status).toBe(201);
    const h = (await (await fetch(`${p.url}/health`)).json()) as any;
    expect(h).toMatchObject({ status: 'ok', bot: { state: 'off' }, outbox: { held: 1, failed: 0 } });
    expect(h.outbox.due).toBeUndefined();
    expect(p.output()).toContain('off  POST /telegram: set TELEGRAM_BOT_TOKEN and TELEGRAM_WEBHOOK_SECRET to turn it on');
  });

  it('a busy port is one line naming PORT', { timeout: 30_000 }, async () => {
    const dir = run.tempDir('crm-start-');
    const port = await freePort();
    const blocker = await listenBotApi(port);
    try {
      const product = run.start({ PORT: String(port), DATABASE_URL: `file:${join(dir, 'crm.db')}` });
      expect(await product.exited).toBe(1);
      const lines = product.output().trim().split('\n');
      expect(lines).toEqual([`PORT ${port} is already in use by another process: stop it or set PORT to a free port`]);
    } finally {
      await blocker.close();
    }
  });

  it('refuses to start on an invalid setting, naming each variable', { timeout: 30_000 }, async () => {
    const dir = run.tempDir('crm-start-');
    const product = run.start({
      PORT: 'eighty',
      DATABASE_URL: `file:${join(dir, 'crm.db')}`,
      DEFAULT_TIME_ZONE: 'Moscow',
      DEFAULT_COUNTRY: 'XX',
      WORKDAY_START: '25:00',
    });
    expect(await product.exited).toBe(1);
    const out = product.output();
    for (const name of ['PORT', 'DEFAULT_TIME_ZONE', 'DEFAULT_COUNTRY', 'WORKDAY_START']) expect(out).toContain(`  ${name} `);
    expect(out).not.toContain('    at ');
  });
});
