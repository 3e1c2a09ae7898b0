import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { activities, contacts, leads } from '../../../db/schema/index.js';
import { recordIncomingCall } from '../../../src/core/intake/record-incoming-call.js';
import { useFreshDb } from '../../helpers/db.js';

const actor = { kind: 'webhook' as const, id: 'zadarma', label: 'Zadarma webhook' };
const call = (over: object = {}) => ({
  intakeSource: 'zadarma' as const,
  externalId: 'c1',
  callerPhone: '79161234567',
  answered: true,
  durationSeconds: 42,
  source: 'zadarma:74951112233',
  ...over,
});

describe('recordIncomingCall', () => {
  const h = useFreshDb({ now: '2026-11-27T10:00:00Z' });
  const ctx = () => h.ctx(actor);

  it("logs an answered call on the latest lead of a contact with that phone when no lead is open", async () => {
    const now = h.clock.now();
    await h.db.insert(contacts).values({ id: 'ct1', name: 'Client', phone: '+79161234567', createdAt: now, updatedAt: now });
    await h.db.insert(leads).values({
      id: 'l1', number: 7, channel: 'site_form', status: 'converted', contactId: 'ct1', createdAt: now, updatedAt: now,
    });
    const result = await recordIncomingCall(ctx(), call());
    expect(result).toMatchObject({ outcome: 'logged', lead: { id: 'l1', number: 7 } });
    const [done] = await h.db.select().from(activities).where(eq(activities.leadId, 'l1'));
    expect(done).toMatchObject({ kind: 'call', doneAt: now, dueAt: new Date(now.getTime() - 42_000), note: 'Incoming call, 42 s' });
  });

  it('concurrent deliveries of one answered call log it once', async () => {
    await recordIncomingCall(ctx(), call({ externalId: 'first', answered: false }));
    const results = await Promise.all([1, 2, 3].map(() => recordIncomingCall(ctx(), call())));
    expect(results.map((r) => r.outcome).sort()).toEqual(['logged', 'replayed', 'replayed']);
    const calls = (await h.db.select().from(activities)).filter((a) => a.subject === 'incoming_call');
    expect(calls).toHaveLength(1);
  });

  it('an answered call is the first touch: on a new caller\'s lead and on an untouched open lead', async () => {
    const fresh = await recordIncomingCall(ctx(), call({ externalId: 'new-caller' }));
    expect(fresh.outcome).toBe('created');
    const [created] = await h.db.select().from(leads).where(eq(leads.id, fresh.lead.id));
    expect(created?.firstTouchedAt?.toISOString()).toBe('2026-11-27T09:59:18.000Z');

    const missed = await recordIncomingCall(ctx(), call({ externalId: 'm1', callerPhone: '79160000001', answered: false }));
    const [untouched] = await h.db.select().from(leads).where(eq(leads.id, missed.lead.id));
    expect(untouched?.firstTouchedAt).toBeNull();
    await recordIncomingCall(ctx(), call({ externalId: 'a1', callerPhone: '79160000001', durationSeconds: 10 }));
    const [touched] = await h.db.select().from(leads).where(eq(leads.id, missed.lead.id));
    expect(touched?.firstTouchedAt?.toISOString()).toBe('2026-11-27T09:59:50.000Z');
  });

  it('refuses a hidden caller number with a VALIDATION error', async () => {
    await expect(recordIncomingCall(ctx(), call({ callerPhone: 'anonymous' }))).rejects.toThrow(/not a phone number/);
  });
});
