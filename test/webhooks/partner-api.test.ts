import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { idempotencyKeys, leads } from '../../db/schema/index.js';
import { systemActor } from '../../src/core/shared/context.js';
import { createPartner } from '../../src/core/partners/create-partner.js';
import { FORM_TOKEN, json, useWebhookApp } from '../helpers/webhook-app.js';

describe('/api/v1/leads (partner API)', () => {
  const t = useWebhookApp();
  let acme: { id: string; key: string };
  let other: { id: string; key: string };
  beforeEach(async () => {
    acme = await createPartner(t.deps.core(systemActor), 'Acme');
    other = await createPartner(t.deps.core(systemActor), 'Other');
  });
  const post = (body: unknown, key: string, headers: Record<string, string> = {}) =>
    t.request('/api/v1/leads', json(body, { Authorization: `Bearer ${key}`, ...headers }));

  const lead = { name: 'Сергей', phone: '+7 921 000-00-01', company: 'Stroy', utm_source: 'partner-site', region: 'SPb' };

  it('makes a partner lead: 201 {id, number, status}, channel partner, source partner:<name>', async () => {
    const res = await post(lead, acme.key);
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toMatchObject({ id: expect.any(String), number: 1, status: 'new' });
    const [row] = await t.db.select().from(leads);
    expect(row).toMatchObject({
      channel: 'partner',
      source: 'partner:Acme',
      partnerId: acme.id,
      name: 'Сергей',
      phone: '+79210000001',
      companyName: 'Stroy',
      utmSource: 'partner-site',
      extra: { region: 'SPb' },
    });
  });

  it('the same Idempotency-Key three times: one lead and the very same reply', async () => {
    const replies = [];
    for (let i = 0; i < 3; i++) {
      const res = await post(lead, acme.key, { 'Idempotency-Key': 'order-42' });
      replies.push({ status: res.status, text: await res.text(), replayed: res.headers.get('idempotent-replayed') });
    }
    expect(replies.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(new Set(replies.map((r) => r.text)).size).toBe(1);
    expect(replies.map((r) => r.replayed)).toEqual([null, 'true', 'true']);
    expect(await t.leadCount()).toBe(1);
    expect((await t.db.select().from(leads))[0]?.repeatCount).toBe(0);
  });

  it('the same key three times at once: every reply is the creator\'s 201, the twins marked as replays', async () => {
    const responses = await Promise.all([1, 2, 3].map(async () => post(lead, acme.key, { 'Idempotency-Key': 'order-43' })));
    const replies = await Promise.all(
      responses.map(async (res) => ({ status: res.status, text: await res.text(), replayed: res.headers.get('idempotent-replayed') })),
    );
    expect(replies.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(new Set(replies.map((r) => r.text)).size).toBe(1);
    expect(JSON.parse(replies[0]!.text)).toMatchObject({ number: 1, duplicate: false });
    expect(replies.filter((r) => r.replayed === 'true')).toHaveLength(2);
    expect(await t.leadCount()).toBe(1);
    // A later retry replays the same stored 201.
    const later = await post(lead, acme.key, { 'Idempotency-Key': 'order-43' });
    expect({ status: later.status, text: await later.text() }).toEqual({ status: 201, text: replies[0]!.text });
  });

  it('the same key with a different body is 409 and makes nothing', async () => {
    await post(lead, acme.key, { 'Idempotency-Key': 'k1' });
    const res = await post({ ...lead, phone: '+7 921 000-00-02' }, acme.key, { 'Idempotency-Key': 'k1' });
    expect(res.status).toBe(409);
    expect((await res.json()).error).toMatchObject({ code: 'conflict', message: expect.stringMatching(/different request/) });
    expect(await t.leadCount()).toBe(1);
  });

  it('a request that fails validation stores no reply: the fixed request with the same key then succeeds', async () => {
    const bad = await post({ name: 'No contact' }, acme.key, { 'Idempotency-Key': 'k2' });
    expect(bad.status).toBe(422);
    expect(await t.db.select().from(idempotencyKeys)).toHaveLength(0);
    const good = await post(lead, acme.key, { 'Idempotency-Key': 'k2' });
    expect(good.status).toBe(201);
  });

  it('the key may be reused for a new request after 24 hours', async () => {
    await post(lead, acme.key, { 'Idempotency-Key': 'k3' });
    t.deps.clock.advance(25 * 60 * 60 * 1000);
    const res = await post({ ...lead, phone: '+7 921 000-00-03' }, acme.key, { 'Idempotency-Key': 'k3' });
    expect(res.status).toBe(201);
    expect(await t.leadCount()).toBe(2);
  });

  it('GET shows a partner the status of its own lead and 404 for any other', async () => {
    const mine = await (await post(lead, acme.key)).json();
    const theirs = await (await post({ phone: '+7 921 000-00-09' }, other.key)).json();
    await t.request(`/hooks/form?token=${FORM_TOKEN}`, json({ phone: '+7 921 000-00-08' }));
    const [site] = await t.db.select().from(leads).where(eq(leads.phone, '+79210000008'));
    const get = (id: string, key: string) => t.request(`/api/v1/leads/${id}`, { headers: { Authorization: `Bearer ${key}` } });

    const own = await get(mine.id, acme.key);
    expect(own.status).toBe(200);
    expect(await own.json()).toMatchObject({ id: mine.id, number: mine.number, status: 'new' });
    expect((await get(theirs.id, acme.key)).status).toBe(404);
    expect((await get(site!.id, acme.key)).status).toBe(404);
    expect((await get('no-such-id', acme.key)).status).toBe(404);
  });

  it('a partner lead that joins an open lead still lets the partner follow it', async () => {
    await t.request(`/hooks/form?token=${FORM_TOKEN}`, json({ phone: lead.phone }));
    const [site] = await t.db.select().from(leads);
    const res = await post(lead, acme.key);
    expect(res.status).toBe(200);
    const body = await res.json();
    // Partners are authenticated and keep `duplicate`; only the public form says nothing.
    expect(body).toMatchObject({ id: site!.id, duplicate: true });
    const view = await t.request(`/api/v1/leads/${body.id}`, { headers: { Authorization: `Bearer ${acme.key}` } });
    expect(view.status).toBe(200);
  });

  it('401 for a missing or unknown key, nothing stored', async () => {
    const none = await t.request('/api/v1/leads', json(lead));
    expect(none.status).toBe(401);
    expect((await none.json()).error.message).toMatch(/Authorization: Bearer/);
    expect((await post(lead, 'pk_wrong')).status).toBe(401);
    expect(await t.leadCount()).toBe(0);
    expect(await t.logCount()).toBe(0);
  });

  it('422 for a field of the wrong type, 415 for a form body', async () => {
    const res = await post({ phone: { number: 1 } }, acme.key);
    expect(res.status).toBe(422);
    expect((await res.json()).error.message).toMatch(/^phone:/);
    const form = await t.request('/api/v1/leads', {
      method: 'POST',
      headers: { Authorization: `Bearer ${acme.key}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'phone=89991234567',
    });
    expect(form.status).toBe(415);
    expect(await t.leadCount()).toBe(0);
  });
});
