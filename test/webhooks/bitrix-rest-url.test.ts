import { beforeEach, describe, expect, it } from 'vitest';
import { leads } from '../../db/schema/index.js';
import { systemActor } from '../../src/core/shared/context.js';
import { createPartner } from '../../src/core/partners/create-partner.js';
import { json, urlencoded, useWebhookApp } from '../helpers/webhook-app.js';

/** Bitrix24's own URL shape: a client needs only the host changed. */
describe('/rest/<user id>/<key>/crm.lead.add', () => {
  const t = useWebhookApp();
  let key: string;
  beforeEach(async () => {
    key = (await createPartner(t.deps.core(systemActor), 'OldSite')).key;
  });

  const names = async () => (await t.db.select({ name: leads.name, phone: leads.phone }).from(leads)).map((l) => `${l.name} ${l.phone}`).sort();

  it('takes POST JSON, POST PHP-style form and GET with the query, with or without .json', async () => {
    const a = await t.request(`/rest/1/${key}/crm.lead.add`, json({ fields: { NAME: 'Ада', PHONE: [{ VALUE: '+7 926 000-00-01', VALUE_TYPE: 'WORK' }] } }));
    expect(a.status).toBe(200);
    expect(await a.json()).toMatchObject({ result: expect.any(Number) });
    const b = await t.request(`/rest/12/${key}/crm.lead.add.json`, urlencoded({ 'fields[NAME]': 'Бо', 'fields[PHONE][0][VALUE]': '+7 926 000-00-02' }));
    expect(b.status).toBe(200);
    const query = new URLSearchParams({ 'fields[NAME]': 'Вера', 'fields[PHONE][0][VALUE]': '+7 926 000-00-03' });
    const c = await t.request(`/rest/1/${key}/crm.lead.add.json?${query}`);
    expect(c.status).toBe(200);
    expect(await names()).toEqual(['Ада +79260000001', 'Бо +79260000002', 'Вера +79260000003']);
  });

  it('refuses a wrong key in the path the way Bitrix24 does', async () => {
    const res = await t.request('/rest/1/not-a-key/crm.lead.add', json({ fields: { NAME: 'X', PHONE: [{ VALUE: '+79260000004' }] } }));
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: 'INVALID_CREDENTIALS' });
    expect(await t.leadCount()).toBe(0);
  });
});
