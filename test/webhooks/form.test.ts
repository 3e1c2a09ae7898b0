import { describe, expect, it } from 'vitest';
import { leads, intakeLog } from '../../db/schema/index.js';
import { FORM_TOKEN, json, urlencoded, useWebhookApp, webhookApp } from '../helpers/webhook-app.js';

const url = `/hooks/form?token=${FORM_TOKEN}`;

describe('POST /hooks/form', () => {
  const t = useWebhookApp();

  it('makes a lead from a JSON form with recognised fields, UTM and unknown fields kept', async () => {
    const res = await t.request(
      url,
      json({
        Name: 'Анна',
        Phone: '+7 (912) 345-67-89',
        'E-mail': 'Anna@Example.ru',
        Company: 'ООО Ромашка',
        Message: 'Перезвоните после обеда',
        utm_source: 'yandex',
        utm_campaign: 'autumn',
        page_url: 'https://example.ru/price',
        budget: '100k',
      }),
    );
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ ok: true });
    const [lead] = await t.db.select().from(leads);
    expect(lead).toMatchObject({
      name: 'Анна',
      phone: '+79123456789',
      email: 'anna@example.ru',
      companyName: 'ООО Ромашка',
      comment: 'Перезвоните после обеда',
      channel: 'site_form',
      source: 'form',
      utmSource: 'yandex',
      utmCampaign: 'autumn',
      pageUrl: 'https://example.ru/price',
      extra: { budget: '100k' },
    });
    const [log] = await t.db.select().from(intakeLog);
    expect(log).toMatchObject({ source: 'form', outcome: 'created', leadId: lead!.id });
  });

  it('lets a landing page post with fetch() from another origin (CORS), errors included', async () => {
    const preflight = await t.request(url, {
      method: 'OPTIONS',
      headers: { origin: 'https://landing.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    expect(await t.leadCount()).toBe(0);

    const ok = await t.request(url, json({ phone: '+7 912 345-67-89' }, { origin: 'https://landing.example' }));
    expect(ok.status).toBe(201);
    expect(ok.headers.get('access-control-allow-origin')).toBe('*');
    // The page's script can read why a submission was refused.
    const refused = await t.request(url, json({ name: 'No contact' }, { origin: 'https://landing.example' }));
    expect(refused.status).toBe(422);
    expect(refused.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('reads Russian labels from an urlencoded form and the token from X-Api-Key', async () => {
    const init = urlencoded({ 'Имя': 'Пётр', 'Телефон': '8 912 345 67 89', 'Почта': 'p@x.ru', 'Комментарий': 'Счёт' });
    const res = await t.request('/hooks/form', { ...init, headers: { ...init.headers, 'X-Api-Key': FORM_TOKEN } });
    expect(res.status).toBe(201);
    const [lead] = await t.db.select().from(leads);
    expect(lead).toMatchObject({ name: 'Пётр', phone: '+79123456789', email: 'p@x.ru', comment: 'Счёт' });
  });

  it('reads a multipart/form-data form', async () => {
    const form = new FormData();
    form.set('fio', 'Ivan Petrov');
    form.set('tel', '+7 999 000-11-22');
    form.set('formname', 'Callback');
    const res = await t.request(url, { method: 'POST', body: form });
    expect(res.status).toBe(201);
    const [lead] = await t.db.select().from(leads);
    expect(lead).toMatchObject({ name: 'Ivan Petrov', phone: '+79990001122', source: 'form:Callback' });
  });

  it('the same phone written three ways makes one lead, and each repeat is answered exactly as the new lead was', async () => {
    const replies = [];
    for (const phone of ['8 (999) 123-45-67', '+7 999 1234567', '79991234567']) {
      const res = await t.request(url, json({ name: 'Oleg', phone }));
      replies.push({ status: res.status, body: await res.text(), type: res.headers.get('content-type') });
    }
    // A stranger holding the page's public token learns nothing about who already has an open lead.
    expect(replies).toEqual(Array(3).fill({ status: 201, body: '{"ok":true}', type: 'application/json' }));
    const rows = await t.db.select().from(leads);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ phone: '+79991234567', repeatCount: 2 });
  });

  it('a retry with the same Idempotency-Key is answered as the first time and stores nothing new', async () => {
    const first = await t.request(url, json({ email: 'a@b.ru' }, { 'Idempotency-Key': 'sub-1' }));
    const again = await t.request(url, json({ email: 'a@b.ru' }, { 'Idempotency-Key': 'sub-1' }));
    expect([first.status, await first.text()]).toEqual([201, '{"ok":true}']);
    expect([again.status, await again.text()]).toEqual([201, '{"ok":true}']);
    const rows = await t.db.select().from(leads);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.repeatCount).toBe(0);
  });

  it('the same Idempotency-Key with another body is 409: the second person is not stored, the first lead unchanged', async () => {
    const first = await t.request(url, json({ name: 'Анна', email: 'anna@b.ru' }, { 'Idempotency-Key': 'sub-2' }));
    expect(first.status).toBe(201);
    const other = await t.request(url, json({ name: 'Борис', phone: '+7 912 000-11-22' }, { 'Idempotency-Key': 'sub-2' }));
    expect(other.status).toBe(409);
    expect((await other.json()).error).toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/Idempotency-Key "sub-2" was already used with a different request/),
    });
    const rows = await t.db.select().from(leads);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ name: 'Анна', email: 'anna@b.ru', phone: null, repeatCount: 0 });
    const same = await t.request(url, json({ name: 'Анна', email: 'anna@b.ru' }, { 'Idempotency-Key': 'sub-2' }));
    expect(same.status).toBe(201);
  });

  describe('the honeypot', () => {
    it('a filled hidden _gotcha field is answered like a success, logged as spam, and makes no lead', async () => {
      const real = await t.request(url, json({ name: 'Анна', phone: '+7 912 345-67-89', _gotcha: '' }));
      const bot = await t.request(url, json({ name: 'Casino', phone: '+7 900 000-00-01', _gotcha: 'https://spam.example' }));
      expect([real.status, await real.text()]).toEqual([201, '{"ok":true}']);
      expect([bot.status, await bot.text()]).toEqual([201, '{"ok":true}']);
      const rows = await t.db.select().from(leads);
      expect(rows.map((l) => [l.name, l.phone, l.extra])).toEqual([['Анна', '+79123456789', null]]);
      const logs = await t.db.select().from(intakeLog);
      expect(logs.map((l) => [l.outcome, l.error])).toEqual([
        ['created', null],
        ['spam', 'honeypot field _gotcha filled'],
      ]);
      expect(logs[1]?.body).toContain('Casino');
    });

    it('works for urlencoded forms and the _honeypot name too', async () => {
      const res = await t.request(url, urlencoded({ 'Имя': 'Бот', 'Телефон': '+7 900 000-00-02', _honeypot: 'x' }));
      expect([res.status, await res.text()]).toEqual([201, '{"ok":true}']);
      expect(await t.leadCount()).toBe(0);
      expect((await t.db.select().from(intakeLog))[0]).toMatchObject({ outcome: 'spam', source: 'form' });
    });
  });

  describe('refusals store no lead', () => {
    it('401 without a token or with a wrong one, and nothing is logged', async () => {
      const none = await t.request('/hooks/form', json({ phone: '89991234567' }));
      expect(none.status).toBe(401);
      expect((await none.json()).error).toMatchObject({ code: 'unauthorized', message: expect.stringMatching(/Missing token/) });
      const wrong = await t.request('/hooks/form?token=nope', json({ phone: '89991234567' }));
      expect(wrong.status).toBe(401);
      expect((await wrong.json()).error.message).toMatch(/Wrong token/);
      expect(await t.leadCount()).toBe(0);
      expect(await t.logCount()).toBe(0);
    });

    it('400 for bad JSON, saying it is not valid JSON; the raw body is kept in the log', async () => {
      const res = await t.request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"phone": "8999' });
      expect(res.status).toBe(400);
      expect((await res.json()).error).toMatchObject({ code: 'malformed_body', message: expect.stringMatching(/not valid JSON/) });
      expect(await t.leadCount()).toBe(0);
      const [log] = await t.db.select().from(intakeLog);
      expect(log).toMatchObject({ outcome: 'rejected', body: '{"phone": "8999' });
    });

    it('413 for a body over 64 KiB', async () => {
      const res = await t.request(url, json({ phone: '89991234567', comment: 'x'.repeat(70 * 1024) }));
      expect(res.status).toBe(413);
      expect((await res.json()).error).toMatchObject({ code: 'payload_too_large', message: expect.stringMatching(/65536 bytes/) });
      expect(await t.leadCount()).toBe(0);
    });

    it('415 for a content type a form does not send', async () => {
      const res = await t.request(url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'phone=89991234567' });
      expect(res.status).toBe(415);
      expect((await res.json()).error.message).toMatch(/"text\/plain" is not accepted.*application\/json/);
      expect(await t.leadCount()).toBe(0);
    });

    it('422 when there is neither a phone nor an email', async () => {
      const res = await t.request(url, json({ name: 'Nobody', comment: 'hi' }));
      expect(res.status).toBe(422);
      expect((await res.json()).error.message).toMatch(/needs a phone number or an email/);
      const bad = await t.request(url, json({ phone: '12' }));
      expect(bad.status).toBe(422);
      expect((await bad.json()).error.message).toMatch(/"12" is not a phone number/);
      expect(await t.leadCount()).toBe(0);
      expect((await t.db.select().from(intakeLog)).map((l) => l.outcome)).toEqual(['rejected', 'rejected']);
    });

    it('422 for a JSON array', async () => {
      const res = await t.request(url, json([{ phone: '89991234567' }]));
      expect(res.status).toBe(422);
      expect((await res.json()).error.message).toMatch(/must be an object/);
    });

    it('503 naming FORM_TOKEN when the operator has not set it', async () => {
      const bare = await webhookApp({ FORM_TOKEN: '' });
      const res = await bare.request('/hooks/form?token=x', json({ phone: '89991234567' }));
      expect(res.status).toBe(503);
      expect((await res.json()).error).toMatchObject({ code: 'not_configured', message: expect.stringMatching(/FORM_TOKEN/) });
      bare.close();
    });
  });
});
