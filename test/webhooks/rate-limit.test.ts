import { afterEach, describe, expect, it } from 'vitest';
import { rateLimits } from '../../db/schema/index.js';
import { FORM_TOKEN, json, webhookApp, type WebhookApp } from '../helpers/webhook-app.js';

const from = (address: string, body: unknown) => json(body, { 'X-Forwarded-For': `${address}, 10.0.0.1` });

describe('per-address rate limit on the public endpoints', () => {
  let t: WebhookApp;
  afterEach(() => t.close());

  it('/hooks/form: past FORM_RATE_LIMIT an address gets 429 with Retry-After and nothing is stored; another address still gets through', async () => {
    t = await webhookApp({ TRUST_PROXY: '1', FORM_RATE_LIMIT: '2', RATE_LIMIT_WINDOW_SECONDS: '60' });
    const url = `/hooks/form?token=${FORM_TOKEN}`;
    expect((await t.request(url, from('203.0.113.7', { phone: '+7 912 000-00-01' }))).status).toBe(201);
    expect((await t.request(url, from('203.0.113.7', { phone: '+7 912 000-00-02' }))).status).toBe(201);
    const refused = await t.request(url, from('203.0.113.7', { phone: '+7 912 000-00-03' }));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect((await refused.json()).error).toMatchObject({ code: 'rate_limited', message: expect.stringMatching(/at most 2 per 60 s/) });
    expect(await t.leadCount()).toBe(2);
    expect((await t.request(url, from('198.51.100.9', { phone: '+7 912 000-00-04' }))).status).toBe(201);
    expect(await t.leadCount()).toBe(3);
    // One row per address and window, shared by every instance through the database.
    expect(await t.db.select().from(rateLimits)).toHaveLength(2);
  });

  it('/hooks/tilda has its own limit (TILDA_RATE_LIMIT)', async () => {
    t = await webhookApp({ TRUST_PROXY: '1', TILDA_RATE_LIMIT: '1' });
    const url = `/hooks/tilda?token=${FORM_TOKEN}`;
    expect((await t.request(url, from('203.0.113.7', { Name: 'A', Phone: '+7 912 000-00-05' }))).status).toBe(200);
    const refused = await t.request(url, from('203.0.113.7', { Name: 'B', Phone: '+7 912 000-00-06' }));
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBeTruthy();
    expect(await t.leadCount()).toBe(1);
  });

  it('without TRUST_PROXY the forwarded header is ignored (anyone could forge it)', async () => {
    t = await webhookApp({ FORM_RATE_LIMIT: '1' });
    const url = `/hooks/form?token=${FORM_TOKEN}`;
    // An in-process request has no socket address: nothing to count, so both pass.
    expect((await t.request(url, from('203.0.113.7', { phone: '+7 912 000-00-07' }))).status).toBe(201);
    expect((await t.request(url, from('203.0.113.7', { phone: '+7 912 000-00-08' }))).status).toBe(201);
  });
});
