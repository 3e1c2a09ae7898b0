import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { activities, history, intakeLog, leads } from '../../db/schema/index.js';
import { json, useWebhookApp, webhookApp, ZADARMA_API_SECRET } from '../helpers/webhook-app.js';

/** Signed independently of the product's Web Crypto code, the way Zadarma's PHP library does it. */
function sign(signed: string, secret = ZADARMA_API_SECRET): string {
  return Buffer.from(createHmac('sha1', secret).update(signed).digest('hex')).toString('base64');
}

function event(fields: Record<string, string>, signature?: string): RequestInit {
  const signed =
    fields.event === 'NOTIFY_OUT_END' ? fields.internal! + fields.destination + fields.call_start
    : fields.caller_id! + fields.called_did + fields.call_start;
  return {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', Signature: signature ?? sign(signed) },
    body: new URLSearchParams(fields).toString(),
  };
}

const start = { event: 'NOTIFY_START', call_start: '2026-11-27 12:00:01', pbx_call_id: 'in_0a1b2c3d', caller_id: '79161234567', called_did: '74951112233' };
const missedEnd = { ...start, event: 'NOTIFY_END', internal: '100', duration: '0', disposition: 'no answer', status_code: '19', is_recorded: '0', call_id_with_rec: '' };
const answeredEnd = { ...missedEnd, call_start: '2026-11-27 12:10:00', pbx_call_id: 'in_answered_1', duration: '95', disposition: 'answered', status_code: '16' };

describe('/hooks/zadarma', () => {
  const t = useWebhookApp();

  it('answers the URL check with the bare zd_echo value', async () => {
    const res = await t.request('/hooks/zadarma?zd_echo=a1b2c3d4e5');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('a1b2c3d4e5');
  });

  it('a correctly signed missed call becomes a missed_call lead; START is only logged; END retried is one lead', async () => {
    expect((await t.request('/hooks/zadarma', event(start))).status).toBe(200);
    expect(await t.leadCount()).toBe(0);
    for (let i = 0; i < 2; i++) expect((await t.request('/hooks/zadarma', event(missedEnd))).status).toBe(200);
    const rows = await t.db.select().from(leads);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ phone: '+79161234567', channel: 'missed_call', source: 'zadarma:74951112233', status: 'new' });
    const due = await t.db.select().from(activities);
    expect(due).toHaveLength(1);
    expect(due[0]).toMatchObject({ subject: 'first_contact', doneAt: null });
    expect((await t.db.select().from(intakeLog)).map((l) => l.outcome)).toEqual(['ignored', 'created', 'replayed']);
  });

  it('a missed call from someone with an open lead joins that lead', async () => {
    await t.request('/hooks/zadarma', event(missedEnd));
    await t.request('/hooks/zadarma', event({ ...missedEnd, pbx_call_id: 'in_second', call_start: '2026-11-27 12:30:00' }));
    const rows = await t.db.select().from(leads);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.repeatCount).toBe(1);
  });

  it('an answered call is logged as a done call on the caller’s open lead, with its duration', async () => {
    await t.request('/hooks/zadarma', event(missedEnd));
    const res = await t.request('/hooks/zadarma', event(answeredEnd));
    expect(await res.json()).toMatchObject({ outcome: 'logged', number: 1 });
    await t.request('/hooks/zadarma', event(answeredEnd)); // redelivered: no second call
    expect(await t.leadCount()).toBe(1);
    const calls = (await t.db.select().from(activities)).filter((a) => a.subject === 'incoming_call');
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ kind: 'call', result: 'reached', note: 'Incoming call, 95 s', doneAt: expect.any(Date) });
    expect((await t.db.select().from(history)).map((h) => h.action)).toContain('call_logged');
  });

  it('an answered call from a new caller becomes a lead with channel call', async () => {
    await t.request('/hooks/zadarma', event(answeredEnd));
    const [lead] = await t.db.select().from(leads);
    expect(lead).toMatchObject({ channel: 'call', phone: '+79161234567', comment: 'Answered incoming call, 95 s' });
  });

  it('a replayed signature with another pbx_call_id, disposition or duration makes nothing new', async () => {
    expect((await t.request('/hooks/zadarma', event(missedEnd))).status).toBe(200);
    // The same signed fields (caller_id + called_did + call_start), so the same Signature header.
    const replay = { ...missedEnd, pbx_call_id: 'in_forged_2', disposition: 'answered', duration: '3600' };
    const res = await t.request('/hooks/zadarma', event(replay));
    expect(res.status).toBe(200);
    expect(await t.leadCount()).toBe(1);
    const [lead] = await t.db.select().from(leads);
    expect(lead?.repeatCount).toBe(0);
    expect((await t.db.select().from(activities)).filter((a) => a.subject === 'incoming_call')).toHaveLength(0);
  });

  it('refuses and logs an event whose call_start is more than 48 hours from now', async () => {
    const old = { ...missedEnd, call_start: '2019-03-01 10:00:00', pbx_call_id: 'in_2019' };
    const res = await t.request('/hooks/zadarma', event(old));
    expect(res.status).toBe(422);
    expect((await res.json()).error.message).toContain('more than 48 hours from now');
    expect(await t.leadCount()).toBe(0);
    const [row] = await t.db.select().from(intakeLog);
    expect(row).toMatchObject({ source: 'zadarma', outcome: 'rejected' });
  });

  it('verifies outgoing-call events too and makes no lead of them', async () => {
    const out = { event: 'NOTIFY_OUT_END', call_start: '2026-11-27 13:00:00', pbx_call_id: 'out_1', internal: '100', destination: '79160000000', duration: '30', disposition: 'answered' };
    expect((await t.request('/hooks/zadarma', event(out))).status).toBe(200);
    expect(await t.leadCount()).toBe(0);
  });

  it('401 for a forged signature or none, and nothing is stored or logged', async () => {
    const forged = await t.request('/hooks/zadarma', event(missedEnd, sign(missedEnd.caller_id + missedEnd.called_did + missedEnd.call_start, 'guess')));
    expect(forged.status).toBe(401);
    expect((await forged.json()).error.message).toMatch(/Wrong Signature/);
    const init = event(missedEnd);
    const unsigned = await t.request('/hooks/zadarma', { ...init, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(unsigned.status).toBe(401);
    // A signature over the raw digest (not its hex text) is a common mistake: it must not pass either.
    const rawDigest = createHmac('sha1', ZADARMA_API_SECRET).update(missedEnd.caller_id + missedEnd.called_did + missedEnd.call_start).digest('base64');
    expect((await t.request('/hooks/zadarma', event(missedEnd, rawDigest))).status).toBe(401);
    expect(await t.leadCount()).toBe(0);
    expect(await t.logCount()).toBe(0);
  });

  it('415 for a JSON body (Zadarma posts form fields)', async () => {
    expect((await t.request('/hooks/zadarma', json(missedEnd))).status).toBe(415);
  });

  it('503 naming ZADARMA_API_SECRET when it is not set', async () => {
    const bare = await webhookApp({ ZADARMA_API_SECRET: '' });
    const res = await bare.request('/hooks/zadarma?zd_echo=x');
    expect(res.status).toBe(503);
    expect((await res.json()).error.message).toMatch(/ZADARMA_API_SECRET/);
    bare.close();
  });
});
