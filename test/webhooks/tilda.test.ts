import { describe, expect, it } from 'vitest';
import { intakeLog, leads } from '../../db/schema/index.js';
import { FORM_TOKEN, json, urlencoded, useWebhookApp } from '../helpers/webhook-app.js';

const url = `/hooks/tilda?token=${FORM_TOKEN}`;
// As Tilda sends it with "send cookies" on: the TILDAUTM value URL-encoded, pairs joined by |||.
const COOKIES =
  '_ga=GA1.2.1234.5678; TILDAUTM=utm_source%3Dyandex%7C%7C%7Cutm_medium%3Dcpc%7C%7C%7Cutm_campaign%3Dwinter_sale%7C%7C%7Cutm_term%3D%D0%BA%D1%83%D0%BF%D0%B8%D1%82%D1%8C%7C%7C%7C; tildauid=1700000000000.123456';

const submission = {
  Name: 'Мария',
  Phone: '+7 (916) 555-44-33',
  Email: 'maria@mail.ru',
  Textarea: 'Хочу консультацию',
  tranid: '5112421:4352341',
  formid: 'form512345678',
  COOKIES,
};

describe('POST /hooks/tilda', () => {
  const t = useWebhookApp();

  it("answers Tilda's connection test (test=test) with 200 and makes no lead", async () => {
    const res = await t.request(url, urlencoded({ test: 'test' }));
    expect(res.status).toBe(200);
    expect(await t.leadCount()).toBe(0);
    const [log] = await t.db.select().from(intakeLog);
    expect(log).toMatchObject({ source: 'tilda', outcome: 'ignored' });
  });

  it('makes a lead with the form id as source and UTM from the TILDAUTM cookie', async () => {
    const res = await t.request(url, urlencoded(submission));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    const [lead] = await t.db.select().from(leads);
    expect(lead).toMatchObject({
      name: 'Мария',
      phone: '+79165554433',
      email: 'maria@mail.ru',
      channel: 'site_form',
      source: 'tilda:form512345678',
      utmSource: 'yandex',
      utmMedium: 'cpc',
      utmCampaign: 'winter_sale',
      utmTerm: 'купить',
      extra: { Textarea: 'Хочу консультацию' },
    });
  });

  it('the same tranid delivered three times (Tilda retries) is one lead', async () => {
    const replies = [];
    for (let i = 0; i < 3; i++) {
      const res = await t.request(url, urlencoded(submission));
      replies.push({ status: res.status, body: await res.text() });
    }
    // Retries are answered exactly as the first delivery: the answer tells a stranger nothing.
    expect(replies).toEqual(Array(3).fill({ status: 200, body: '{"ok":true}' }));
    const rows = await t.db.select().from(leads);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.repeatCount).toBe(0);
    expect((await t.db.select().from(intakeLog)).map((l) => l.outcome)).toEqual(['created', 'replayed', 'replayed']);
  });

  it('a filled honeypot field is answered 200 like any submission, logged as spam, and makes no lead', async () => {
    const res = await t.request(url, urlencoded({ ...submission, tranid: '1:9', _gotcha: 'filled by a bot' }));
    expect([res.status, await res.text()]).toEqual([200, '{"ok":true}']);
    expect(await t.leadCount()).toBe(0);
    expect((await t.db.select().from(intakeLog))[0]).toMatchObject({ source: 'tilda', outcome: 'spam' });
  });

  it('accepts the JSON variant too', async () => {
    const res = await t.request(url, json({ ...submission, tranid: '1:2' }));
    expect(res.status).toBe(200);
    expect((await t.db.select().from(leads))[0]).toMatchObject({ source: 'tilda:form512345678', utmSource: 'yandex' });
  });

  it('401 for a wrong token, nothing stored', async () => {
    const res = await t.request('/hooks/tilda?token=wrong', urlencoded(submission));
    expect(res.status).toBe(401);
    expect(await t.leadCount()).toBe(0);
    expect(await t.logCount()).toBe(0);
  });

  it('422 for a submission without phone or email, kept in the log for review', async () => {
    const res = await t.request(url, urlencoded({ Name: 'Anon', tranid: '9:9', formid: 'form1' }));
    expect(res.status).toBe(422);
    expect(await t.leadCount()).toBe(0);
    expect((await t.db.select().from(intakeLog))[0]).toMatchObject({ outcome: 'rejected', error: expect.stringMatching(/422/) });
  });
});
