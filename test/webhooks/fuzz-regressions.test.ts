import { beforeEach, describe, expect, it } from 'vitest';
import { intakeLog, leads } from '../../db/schema/index.js';
import { systemActor } from '../../src/core/shared/context.js';
import { createPartner } from '../../src/core/partners/create-partner.js';
import { FORM_TOKEN, json, urlencoded, useWebhookApp } from '../helpers/webhook-app.js';

/** Defects the intake fuzz (test/reliability/fuzz.test.ts) found, each pinned by the smallest request that showed it. */
describe('intake defects found by fuzzing', () => {
  const t = useWebhookApp();
  let key: string;
  beforeEach(async () => {
    key = (await createPartner(t.deps.core(systemActor), 'Acme')).key;
  });

  const deep = (depth: number) => `{"phone":"+79165554433","x":${'['.repeat(depth)}${']'.repeat(depth)}}`;
  const jsonText = (body: string, headers: Record<string, string> = {}): RequestInit => ({
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });

  it('unknown routes and wrong methods answer 404 JSON with a message, not a plain-text "404 Not Found"', async () => {
    for (const [method, path] of [['DELETE', '/hooks/form'], ['GET', '/api/v1/leads'], ['POST', '/no/such/route']] as const) {
      const res = await t.request(path, { method });
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/json/);
      expect((await res.json()).error).toMatchObject({ code: 'not_found', message: expect.stringContaining(`No route for ${method} ${path}`) });
    }
  });

  it('JSON nested 30,000 deep (60 KB) is a 422, not a 500 from JSON.stringify overflowing the stack', async () => {
    const form = await t.request(`/hooks/form?token=${FORM_TOKEN}`, jsonText(deep(30_000)));
    expect(form.status).toBe(422);
    expect((await form.json()).error.message).toMatch(/deeper than 64 levels/);
    const partner = await t.request('/api/v1/leads', jsonText(deep(30_000), { authorization: `Bearer ${key}` }));
    expect(partner.status).toBe(422);
    expect(await t.leadCount()).toBe(0);
    expect((await t.db.select().from(intakeLog)).map((l) => l.outcome)).toEqual(['rejected', 'rejected']);
    // Reasonable nesting still passes.
    expect((await t.request(`/hooks/form?token=${FORM_TOKEN}`, jsonText(deep(10)))).status).toBe(201);
  });

  it('a PHP-style name 20,000 brackets deep is a 422 on the Bitrix route, not a stack overflow', async () => {
    // Brackets unescaped, as PHP clients often send them: 3 bytes a level keeps it under MAX_BODY_BYTES.
    const body = `fields${'[a]'.repeat(20_000)}=1&fields[PHONE][0][VALUE]=%2B79165554433`;
    const init = { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body };
    const res = await t.request(`/api/v1/bitrix/crm.lead.add?auth=${key}`, init);
    expect(res.status).toBe(422);
    expect((await res.json()).error_description).toMatch(/deeper than 64 levels/);
  });

  it('a field of the wrong type says what it must be, not zod\'s bare "Invalid input"', async () => {
    const partner = await t.request('/api/v1/leads', json({ name: { first: 'A' }, phone: '+79165554433' }, { authorization: `Bearer ${key}` }));
    expect((await partner.json()).error.message).toBe('name: must be a string or a number');
    const extra = await t.request('/api/v1/leads', json({ phone: '+79165554433', extra: [1] }, { authorization: `Bearer ${key}` }));
    expect((await extra.json()).error.message).toMatch(/^extra: must be an object/);
    const bitrix = await t.request('/api/v1/bitrix/crm.lead.add', json({ fields: { PHONE: 'x', NAME: 'A' } }, { authorization: `Bearer ${key}` }));
    expect((await bitrix.json()).error_description).toMatch(/^fields\.PHONE: must be a list like/);
  });

  it('Tilda: a long formid no longer costs the lead; a long tranid is refused naming tranid', async () => {
    const longForm = await t.request(`/hooks/tilda?token=${FORM_TOKEN}`, urlencoded({ Phone: '+79165554433', formid: 'f'.repeat(300) }));
    expect(longForm.status).toBe(200);
    expect((await t.db.select().from(leads))[0]?.source).toBe(`tilda:${'f'.repeat(100)}`);
    const longTranid = await t.request(`/hooks/tilda?token=${FORM_TOKEN}`, urlencoded({ Phone: '+79165554434', tranid: '1'.repeat(201) }));
    expect(longTranid.status).toBe(422);
    expect((await longTranid.json()).error.message).toMatch(/^tranid: must be at most 200/);
  });

  it('form fields named like Object.prototype members keep the value the visitor typed', async () => {
    const res = await t.request(`/hooks/form?token=${FORM_TOKEN}`, urlencoded({ phone: '+79165554433', constructor: 'abc', toString: 'x' }));
    expect(res.status).toBe(201);
    expect((await t.db.select().from(leads))[0]?.extra).toEqual({ constructor: 'abc', toString: 'x' });
  });

  it('site form: an Idempotency-Key over 200 characters is refused naming the header, not "externalId"', async () => {
    const res = await t.request(`/hooks/form?token=${FORM_TOKEN}`, json({ phone: '+79165554433' }, { 'idempotency-key': 'k'.repeat(201) }));
    expect(res.status).toBe(422);
    expect((await res.json()).error.message).toBe('Idempotency-Key must be at most 200 characters');
  });
});
