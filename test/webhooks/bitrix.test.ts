import { beforeEach, describe, expect, it } from 'vitest';
import { leads } from '../../db/schema/index.js';
import { systemActor } from '../../src/core/shared/context.js';
import { createPartner } from '../../src/core/partners/create-partner.js';
import { json, useWebhookApp } from '../helpers/webhook-app.js';

describe('POST /api/v1/bitrix/crm.lead.add', () => {
  const t = useWebhookApp();
  let key: string;
  beforeEach(async () => {
    key = (await createPartner(t.deps.core(systemActor), 'OldSite')).key;
  });

  it("takes Bitrix24's JSON body and answers {result: <lead number>, time}", async () => {
    const res = await t.request(
      '/api/v1/bitrix/crm.lead.add',
      json(
        {
          fields: {
            TITLE: 'Заявка с сайта',
            NAME: 'Глеб',
            LAST_NAME: 'Егоров',
            STATUS_ID: 'NEW',
            SOURCE_ID: 'WEB',
            COMPANY_TITLE: 'ИП Егоров',
            COMMENTS: 'Нужен расчёт',
            OPENED: 'Y',
            PHONE: [{ VALUE: '8 (926) 111-22-33', VALUE_TYPE: 'WORK' }, { VALUE: '+7 926 444-55-66', VALUE_TYPE: 'MOBILE' }],
            EMAIL: [{ VALUE: 'Gleb@Egorov.ru', VALUE_TYPE: 'WORK' }],
            UTM_SOURCE: 'google',
          },
          params: { REGISTER_SONET_EVENT: 'Y' },
        },
        { Authorization: `Bearer ${key}` },
      ),
    );
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toEqual({ result: 1, time: expect.objectContaining({ start: expect.any(Number), date_start: expect.any(String) }) });
    const [lead] = await t.db.select().from(leads);
    expect(lead).toMatchObject({
      name: 'Глеб Егоров',
      phone: '+79261112233',
      email: 'gleb@egorov.ru',
      companyName: 'ИП Егоров',
      comment: 'Нужен расчёт',
      channel: 'partner',
      source: 'partner:OldSite',
      utmSource: 'google',
      extra: expect.objectContaining({ TITLE: 'Заявка с сайта', SOURCE_ID: 'WEB', PHONE: ['+7 926 444-55-66'] }),
    });
  });

  it('takes the urlencoded fields[...] form with the key in ?auth=', async () => {
    const form = 'fields[TITLE]=Callback&fields[NAME]=Ира&fields[PHONE][0][VALUE]=79035556677&fields[PHONE][0][VALUE_TYPE]=WORK&params[REGISTER_SONET_EVENT]=Y';
    const res = await t.request(`/api/v1/bitrix/crm.lead.add.json?auth=${key}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: encodeURI(form),
    });
    expect(res.status).toBe(200);
    expect((await res.json()).result).toBe(1);
    expect((await t.db.select().from(leads))[0]).toMatchObject({ name: 'Ира', phone: '+79035556677', comment: 'Callback' });
  });

  it('takes the key in the path, as Bitrix inbound webhook URLs carry it', async () => {
    const res = await t.request(`/api/v1/bitrix/${key}/crm.lead.add.json`, json({ fields: { NAME: 'X', EMAIL: [{ VALUE: 'x@y.ru' }] } }));
    expect(res.status).toBe(200);
  });

  it("errors in Bitrix's shape: wrong key, no fields, no contact; nothing stored", async () => {
    const denied = await t.request('/api/v1/bitrix/crm.lead.add?auth=nope', json({ fields: { NAME: 'A', PHONE: [{ VALUE: '89261112233' }] } }));
    expect(denied.status).toBe(401);
    expect(await denied.json()).toEqual({ error: 'INVALID_CREDENTIALS', error_description: expect.stringMatching(/partner key/) });
    const noFields = await t.request(`/api/v1/bitrix/crm.lead.add?auth=${key}`, json({ NAME: 'A' }));
    expect(noFields.status).toBe(422);
    expect(await noFields.json()).toEqual({ error: 'ERROR_CORE', error_description: expect.stringMatching(/^fields: fields is required/) });
    const noContact = await t.request(`/api/v1/bitrix/crm.lead.add?auth=${key}`, json({ fields: { NAME: 'A' } }));
    expect((await noContact.json()).error_description).toMatch(/phone number or an email/);
    const badJson = await t.request(`/api/v1/bitrix/crm.lead.add?auth=${key}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{fields' });
    expect(badJson.status).toBe(400);
    expect((await badJson.json()).error).toBe('INVALID_REQUEST');
    expect(await t.leadCount()).toBe(0);
  });
});
