import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createClient } from '@libsql/client';
import type { Update } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import { ru } from '../../bot/locales/ru.js';
import { freePort } from '../../bench/lib/server-process.js';
import { pdfText } from '../helpers/pdf-text.js';
import { useProductRun, waitFor } from '../helpers/product-process.js';
import { buttonLabels, callbackUpdate, findButton, textUpdate, tgUser, type FakeMessage } from '../helpers/telegram.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TEAM_CHAT = -1009876543210;
const SECRET = 'webhook-secret_1';
const olga = tgUser(8_100_001, 'Olga');

/** Intl puts no-break spaces in numbers; compared with plain ones. */
const plain = (s: string) => s.replace(/[\u00A0\u202F]/g, ' ');

/**
 * The bot's main flow black-box: the server started as the README starts it in webhook mode, its
 * Bot API the strict fake behind a real port, the owner made with the operator CLI, and every
 * Telegram update POSTed to /telegram with the secret header, as Telegram delivers them.
 */
describe('the bot over its webhook, as a process', () => {
  const run = useProductRun();

  it('owner by CLI invite, a form lead taken from the team chat, converted to a deal, a proposal PDF sent', { timeout: 180_000 }, async () => {
    const dir = run.tempDir('crm-bbox-');
    const databaseUrl = `file:${join(dir, 'crm.db')}`;
    const [port, botPort] = [await freePort(), await freePort()];
    const botApi = await run.listenBotApi(botPort);
    const api = botApi.fake;
    const product = run.start({
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      FORM_TOKEN: 'form-token-1',
      TELEGRAM_BOT_TOKEN: '123:abc',
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      TELEGRAM_API_ROOT: `http://127.0.0.1:${botPort}`,
      PUBLIC_URL: 'https://crm.example.test',
      LEADS_CHAT_ID: String(TEAM_CHAT),
      LOG_LEVEL: 'info',
    });
    const p = product;

    // Serving: the server registered its webhook with Telegram and /health says the bot is up.
    await waitFor('bot state ok', async () => {
      const h = (await (await fetch(`${p.url}/health`)).json()) as any;
      return h.bot.state === 'ok' ? true : undefined;
    }, 90_000, p.output);
    const webhook = api.sent('setWebhook');
    expect(webhook).toHaveLength(1);
    expect(webhook[0]).toMatchObject({ url: 'https://crm.example.test/telegram', secret_token: SECRET });
    expect(p.output()).toContain('webhook https://crm.example.test/telegram');

    /** Telegram delivering one update: the webhook answers once the bot has handled it. */
    async function deliver(update: Update, secret = SECRET): Promise<Response> {
      return fetch(`${p.url}/telegram`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': secret },
        body: JSON.stringify(update),
      });
    }
    async function send(text: string): Promise<void> {
      const res = await deliver(textUpdate(olga, text));
      expect(res.status).toBe(200);
    }
    async function tap(label: string | RegExp, on: FakeMessage = api.last(olga.id)): Promise<Update> {
      const update = callbackUpdate(olga, on, findButton(on, label).callback_data);
      const res = await deliver(update);
      expect(res.status).toBe(200);
      return update;
    }

    // A stranger's update without the secret is refused and changes nothing.
    const forged = await deliver(textUpdate(olga, '/start'), 'wrong-secret');
    expect(forged.status).toBe(401);
    expect(api.chat(olga.id)).toHaveLength(0);

    // The operator makes the owner: the CLI prints a code, the owner sends it to the bot.
    const cli = await promisify(execFile)('npm', ['run', 'crm', '--', 'owner', 'invite'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: databaseUrl },
      timeout: 60_000,
    });
    const code = /\/start (\S+)/.exec(cli.stdout)?.[1];
    expect(code, cli.stdout + cli.stderr).toBeDefined();
    await send(`/start ${code!}`);
    expect(api.last(olga.id).text).toContain(ru.welcome({ name: 'Olga', role: ru.roles.owner }));

    // The owner loads the example catalogue, as the /products screen offers to a new team.
    await send('/products');
    await tap(/^prs$/);
    expect(buttonLabels(api.last(olga.id)).join('|')).toContain('Разработка сайта');

    // A site form lead: its card reaches the team chat with a Take button, first name only.
    const form = await fetch(`${p.url}/hooks/form?token=form-token-1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Иван Петров', phone: '+7 916 555-44-33', company: 'ООО «Ромашка»', comment: 'Нужен сайт' }),
    });
    expect(form.status).toBe(201);
    const card = await waitFor('the lead card in the team chat', async () => api.chat(TEAM_CHAT)[0], 30_000, p.output);
    expect(card.text).toContain('Иван');
    expect(card.text).not.toContain('916');
    const take = findButton(card, /^take:/);
    expect(take.text).toBe(ru.buttons.take);

    // Take: the owner's private card with the phone; the team chat card says who took it.
    const pressed = await tap(/^take:/, card);
    const privateCard = api.last(olga.id);
    // Telegram delivering the same update again (a slow answer, a restart) changes nothing.
    const seen = api.messages.length;
    expect((await deliver(pressed)).status).toBe(200);
    expect(api.messages).toHaveLength(seen);
    expect(api.last(olga.id)).toBe(privateCard);
    expect(plain(privateCard.text)).toContain('Иван Петров');
    expect(plain(privateCard.text)).toContain('+7 916 555-44-33');
    // The fake keeps each message as it looks now: the team chat card, edited.
    expect(card.text).toContain('Olga');
    expect(buttonLabels(card)).not.toContain(take.text);

    // Convert and Yes: the deal card.
    await tap(/^cv:/, privateCard);
    await tap(/^cvy:/);
    const dealCard = api.last(olga.id);
    expect(dealCard.text).toContain('Сделка #1');
    expect(dealCard.text).toContain('ООО «Ромашка»');
    expect(dealCard.text).toContain('Иван Петров');

    // A product on the deal, then the proposal: the PDF comes through the task queue as a document.
    await tap(/^di:/, dealCard);
    await tap('Разработка сайта');
    await tap(/^dc:/);
    await tap(/^dp:/);
    // The press is answered before the PDF exists; the process's task runner makes and sends it.
    expect(api.toasts()).toContain(ru.proposal.preparing);
    const pdf = await waitFor('the proposal PDF', async () => api.uploads.find((u) => u.method === 'sendDocument'), 60_000, p.output);
    expect(pdf).toMatchObject({ chatId: olga.id, fileName: 'proposal-1-1.pdf' });
    const text = await pdfText(pdf.bytes);
    for (const s of ['Иван Петров', 'ООО «Ромашка»', 'Разработка сайта', 'Коммерческое предложение']) expect(text).toContain(s);

    // What the database holds at the end, read from the file.
    const db = createClient({ url: databaseUrl });
    try {
      const owners = await db.execute('select telegram_id, role from members');
      expect(owners.rows.map((r) => [Number(r.telegram_id), r.role])).toEqual([[olga.id, 'owner']]);
      const lead = await db.execute('select status, phone from leads');
      expect(lead.rows.map((r) => [r.status, r.phone])).toEqual([['converted', '+79165554433']]);
      const deal = await db.execute('select number, stage from deals');
      expect(deal.rows.map((r) => [Number(r.number), r.stage])).toEqual([[1, 'proposal']]);
      // The task is marked done after its document went out, so it may lag the upload a moment.
      const tasks = await waitFor('the proposal task done', async () => {
        const rows = (await db.execute('select kind, state from tasks')).rows.map((r) => [r.kind, r.state]);
        return rows.every(([, state]) => state === 'done') ? rows : undefined;
      }, 15_000, p.output);
      expect(tasks).toEqual([['proposal', 'done']]);
    } finally {
      db.close();
    }
    // Nothing the bot sent was refused by the strict fake.
    expect(api.refused()).toEqual([]);
  });
});
