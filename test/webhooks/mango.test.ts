import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { activities, intakeLog, leads } from '../../db/schema/index.js';
import { MANGO_API_KEY, MANGO_API_SALT, urlencoded, useWebhookApp } from '../helpers/webhook-app.js';

/** As Mango Office builds it: the sign covers the json text exactly as sent. */
function mangoEvent(payload: object, opts: { key?: string; salt?: string } = {}) {
  const json = JSON.stringify(payload);
  const key = opts.key ?? MANGO_API_KEY;
  const sign = createHash('sha256').update(key + json + (opts.salt ?? MANGO_API_SALT)).digest('hex');
  return urlencoded({ vpbx_api_key: key, sign, json });
}

const summary = (over: object = {}) => ({
  entry_id: 'MjQ0NzE0MTQ1Mg==',
  call_direction: 1,
  from: { number: '79031112233' },
  to: { extension: '101', number: 'sip:anna@vpbx.mangosip.ru' },
  line_number: '74957654321',
  create_time: 1795771200,
  forward_time: 1795771202,
  talk_time: 0,
  end_time: 1795771230,
  entry_result: 0,
  disconnect_reason: 1110,
  ...over,
});

describe('/hooks/mango/events/*', () => {
  const t = useWebhookApp();

  it('a signed summary of a missed incoming call becomes a missed_call lead, once per entry_id', async () => {
    for (let i = 0; i < 2; i++) expect((await t.request('/hooks/mango/events/summary', mangoEvent(summary()))).status).toBe(200);
    const rows = await t.db.select().from(leads);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ phone: '+79031112233', channel: 'missed_call', source: 'mango:74957654321' });
  });

  it('a signed summary of an answered call is logged on the open lead with the talk duration', async () => {
    await t.request('/hooks/mango/events/summary', mangoEvent(summary()));
    const answered = summary({ entry_id: 'ANSWERED==', talk_time: 1795771300, end_time: 1795771420, entry_result: 1 });
    const res = await t.request('/hooks/mango/events/summary', mangoEvent(answered));
    expect(await res.json()).toMatchObject({ outcome: 'logged', number: 1 });
    const call = (await t.db.select().from(activities)).find((a) => a.subject === 'incoming_call');
    expect(call).toMatchObject({ note: 'Incoming call, 120 s', result: 'reached' });
  });

  it('an answered call from a new number becomes a lead with channel call', async () => {
    const answered = summary({ talk_time: 1795771300, end_time: 1795771360, entry_result: 1 });
    await t.request('/hooks/mango/events/summary', mangoEvent(answered));
    expect((await t.db.select().from(leads))[0]).toMatchObject({ channel: 'call', comment: 'Answered incoming call, 60 s' });
  });

  it('other event paths and outgoing calls are verified, answered 200 and only logged', async () => {
    const call = { entry_id: 'X', call_id: 'Y', timestamp: 1795771200, seq: 1, call_state: 'Appeared', location: 'ivr' };
    expect((await t.request('/hooks/mango/events/call', mangoEvent(call))).status).toBe(200);
    expect((await t.request('/hooks/mango/events/summary', mangoEvent(summary({ call_direction: 2 })))).status).toBe(200);
    expect(await t.leadCount()).toBe(0);
    expect((await t.db.select().from(intakeLog)).map((l) => l.outcome)).toEqual(['ignored', 'ignored']);
  });

  it('401 for a wrong sign or key, nothing stored', async () => {
    const wrongSalt = await t.request('/hooks/mango/events/summary', mangoEvent(summary(), { salt: 'guess' }));
    expect(wrongSalt.status).toBe(401);
    expect((await wrongSalt.json()).error.message).toMatch(/Wrong sign/);
    const wrongKey = await t.request('/hooks/mango/events/summary', mangoEvent(summary(), { key: 'other' }));
    expect(wrongKey.status).toBe(401);
    expect(await t.leadCount()).toBe(0);
    expect(await t.logCount()).toBe(0);
  });

  it('a signed but unreadable summary is 422 and kept in the log', async () => {
    const res = await t.request('/hooks/mango/events/summary', mangoEvent({ call_direction: 1 }));
    expect(res.status).toBe(422);
    expect((await res.json()).error.message).toMatch(/entry_id/);
    expect((await t.db.select().from(intakeLog))[0]).toMatchObject({ outcome: 'rejected' });
  });
});
