import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { activities, history, intakeKeys, leads, outbox } from '../../../db/schema/index.js';
import { createLeadFromIntake } from '../../../src/core/intake/create-lead-from-intake.js';
import { isCrmError } from '../../../src/core/shared/errors.js';
import { useFreshDb } from '../../helpers/db.js';

const webhook = { kind: 'webhook' as const, id: 'form', label: 'site form' };

describe('createLeadFromIntake', () => {
  const h = useFreshDb({ now: '2026-11-27T10:00:00Z' });
  const ctx = () => h.ctx(webhook);

  it('opens a new lead with number, normalised contacts, a first-contact call, history and a notification', async () => {
    const result = await createLeadFromIntake(ctx(), {
      channel: 'site_form',
      intakeSource: 'form',
      name: ' Иван ',
      phone: '8 (999) 123-45-67 доб. 42',
      email: 'Ivan@Example.COM',
      utmSource: 'yandex',
    });
    expect(result).toMatchObject({ outcome: 'created', duplicate: false, lead: { number: 1, status: 'new' } });
    const [lead] = await h.db.select().from(leads);
    expect(lead).toMatchObject({ name: 'Иван', phone: '+79991234567', phoneExt: '42', email: 'ivan@example.com', utmSource: 'yandex' });
    const [first] = await h.db.select().from(activities).where(eq(activities.leadId, result.lead.id));
    expect(first?.dueAt.toISOString()).toBe('2026-11-27T10:15:00.000Z');
    expect(first?.doneAt).toBeNull();
    expect(await h.db.select().from(history)).toHaveLength(1);
    expect((await h.db.select().from(outbox))[0]).toMatchObject({ kind: 'lead_created', status: 'pending' });
  });

  it('joins the same phone written three ways into one open lead', async () => {
    const ways = ['8 (999) 123-45-67', '+7 999 1234567', '79991234567'];
    const results = [];
    for (const phone of ways) results.push(await createLeadFromIntake(ctx(), { channel: 'site_form', intakeSource: 'form', phone }));
    expect(results.map((r) => r.outcome)).toEqual(['created', 'joined', 'joined']);
    const rows = await h.db.select().from(leads);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.repeatCount).toBe(2);
    const lines = await h.db.select().from(history).where(eq(history.entityId, rows[0]!.id));
    expect(lines.map((l) => l.action).sort()).toEqual(['created', 'repeat_request', 'repeat_request']);
  });

  it('opens a new lead when the earlier one with that phone is closed', async () => {
    const first = await createLeadFromIntake(ctx(), { channel: 'call', intakeSource: 'zadarma', phone: '+79991234567' });
    await h.db.update(leads).set({ status: 'junk', junkReason: 'spam' }).where(eq(leads.id, first.lead.id));
    const second = await createLeadFromIntake(ctx(), { channel: 'call', intakeSource: 'zadarma', phone: '89991234567' });
    expect(second).toMatchObject({ outcome: 'created', lead: { number: 2 } });
  });

  it('replays a retried delivery by the source id, concurrently too', async () => {
    const input = { channel: 'site_form' as const, intakeSource: 'tilda' as const, externalId: '123:456', email: 'a@b.co' };
    const results = await Promise.all([1, 2, 3].map(() => createLeadFromIntake(ctx(), input)));
    expect(results.filter((r) => r.outcome === 'created')).toHaveLength(1);
    expect(new Set(results.map((r) => r.lead.id)).size).toBe(1);
    expect(await h.db.select().from(leads)).toHaveLength(1);
    expect(await h.db.select().from(intakeKeys)).toHaveLength(1);
  });

  it('refuses a request with neither a valid phone nor an email, storing nothing', async () => {
    await expect(createLeadFromIntake(ctx(), { channel: 'site_form', intakeSource: 'form', name: 'Bob' })).rejects.toSatisfy(
      (e) => isCrmError(e, 'VALIDATION') && /phone number or an email/.test((e as Error).message),
    );
    await expect(
      createLeadFromIntake(ctx(), { channel: 'site_form', intakeSource: 'form', phone: '12' }),
    ).rejects.toThrow(/is not a phone number/);
    expect(await h.db.select().from(leads)).toHaveLength(0);
  });

  it('cuts an over-long comment or name instead of losing a reachable person', async () => {
    const result = await createLeadFromIntake(ctx(), {
      channel: 'site_form',
      intakeSource: 'form',
      phone: '+79991234567',
      name: 'Я'.repeat(500),
      comment: 'x'.repeat(10_000),
    });
    expect(result.outcome).toBe('created');
    const [lead] = await h.db.select().from(leads);
    expect(lead?.name).toHaveLength(200);
    expect(lead?.comment).toHaveLength(4000);
    expect(lead?.comment?.endsWith('…')).toBe(true);
  });

  it('keeps an unparseable phone beside a valid email', async () => {
    await createLeadFromIntake(ctx(), { channel: 'site_form', intakeSource: 'form', phone: 'call me', email: 'x@y.ru' });
    const [lead] = await h.db.select().from(leads);
    expect(lead).toMatchObject({ phone: null, phoneRaw: 'call me', email: 'x@y.ru' });
  });
});
