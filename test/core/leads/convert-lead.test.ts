import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { activities, companies, contacts, deals, history, leads } from '../../../db/schema/index.js';
import { companyNameKey } from '../../../src/core/contacts/company-key.js';
import { convertLead } from '../../../src/core/leads/convert-lead.js';
import { isCrmError } from '../../../src/core/shared/errors.js';
import { useFreshDb } from '../../helpers/db.js';
import { intakeLead, memberActor } from '../../helpers/deal-fixtures.js';

describe('convertLead', () => {
  const h = useFreshDb({ now: '2026-11-27T10:00:00Z' });

  it('creates exactly one contact, company and deal with the lead data carried over, in one write', async () => {
    const anna = await memberActor(h.db, 'manager', 'Anna');
    const ctx = h.ctx(anna);
    const leadId = await intakeLead(ctx, {
      name: 'Иван Петров',
      phone: '8 (999) 123-45-67',
      email: 'Ivan@Romashka.ru',
      companyName: 'ООО «Ромашка»',
      utmSource: 'yandex',
      utmCampaign: 'autumn',
    });
    h.clock.advance(60_000);
    const result = await convertLead(ctx, { leadId });

    expect(result).toMatchObject({ dealNumber: 1, contactCreated: true, companyCreated: true, movedActivities: 1 });
    const [contact] = await h.db.select().from(contacts);
    expect(contact).toMatchObject({ name: 'Иван Петров', phone: '+79991234567', email: 'ivan@romashka.ru', companyId: result.companyId });
    const [company] = await h.db.select().from(companies);
    expect(company).toMatchObject({ name: 'ООО «Ромашка»', nameKey: 'ромашка' });
    const [deal] = await h.db.select().from(deals);
    expect(deal).toMatchObject({
      title: 'ООО «Ромашка» — #1',
      stage: 'in_progress',
      leadId,
      contactId: contact!.id,
      companyId: company!.id,
      assigneeId: anna.id,
      channel: 'site_form',
      utmSource: 'yandex',
      utmCampaign: 'autumn',
      amount: 0,
      amountManual: false,
    });
    const [lead] = await h.db.select().from(leads);
    expect(lead).toMatchObject({ status: 'converted', contactId: contact!.id, assigneeId: anna.id });
    expect(lead!.closedAt?.toISOString()).toBe('2026-11-27T10:01:00.000Z');
    // The first-contact call moved to the deal and still remembers its lead.
    const [call] = await h.db.select().from(activities);
    expect(call).toMatchObject({ leadId, dealId: deal!.id, doneAt: null });
    const lines = await h.db.select().from(history);
    expect(lines.map((l) => `${l.entityType}:${l.action}`).sort()).toEqual([
      'company:created',
      'contact:created',
      'deal:created',
      'lead:converted',
      'lead:created',
    ]);
  });

  it('reuses the contact and company when another lead of the same person converts', async () => {
    const head = await memberActor(h.db, 'head');
    const ctx = h.ctx(head);
    const first = await intakeLead(ctx, { phone: '+79991234567', companyName: 'Ромашка' });
    await convertLead(ctx, { leadId: first });
    const second = await intakeLead(ctx, { phone: '8 999 123 45 67', email: 'ivan@example.com', companyName: 'ООО "Ромашка"' });
    const result = await convertLead(ctx, { leadId: second, title: 'Second site', amount: 9_000_000 });

    expect(result).toMatchObject({ contactCreated: false, companyCreated: false, dealNumber: 2 });
    expect(await h.db.select().from(contacts)).toHaveLength(1);
    expect(await h.db.select().from(companies)).toHaveLength(1);
    const [contact] = await h.db.select().from(contacts);
    // The second lead filled the email the first one lacked.
    expect(contact?.email).toBe('ivan@example.com');
    const [deal] = await h.db.select().from(deals).where(eq(deals.id, result.dealId));
    expect(deal).toMatchObject({ title: 'Second site', amount: 9_000_000, amountManual: true, contactId: contact!.id });
  });

  it('refuses a second conversion, also when two taps race', async () => {
    const owner = await memberActor(h.db, 'owner');
    const ctx = h.ctx(owner);
    const leadId = await intakeLead(ctx);
    const results = await Promise.allSettled([convertLead(ctx, { leadId }), convertLead(ctx, { leadId })]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    await expect(convertLead(ctx, { leadId })).rejects.toSatisfy((e) => isCrmError(e, 'CONFLICT'));
    expect(await h.db.select().from(deals)).toHaveLength(1);
    expect(await h.db.select().from(contacts)).toHaveLength(1);
  });

  it("does not let a manager convert another manager's lead", async () => {
    const anna = await memberActor(h.db, 'manager', 'Anna');
    const boris = await memberActor(h.db, 'manager', 'Boris');
    const leadId = await intakeLead(h.ctx(anna));
    await h.db.update(leads).set({ assigneeId: anna.id, status: 'assigned' }).where(eq(leads.id, leadId));
    await expect(convertLead(h.ctx(boris), { leadId })).rejects.toSatisfy((e) => isCrmError(e, 'FORBIDDEN'));
  });

  it('gives the deal a dated next step when the lead had none open', async () => {
    const owner = await memberActor(h.db, 'owner');
    const ctx = h.ctx(owner);
    const leadId = await intakeLead(ctx, { companyName: undefined });
    await h.db.update(activities).set({ doneAt: h.clock.now() }).where(eq(activities.leadId, leadId));
    const result = await convertLead(ctx, { leadId, next: { kind: 'meeting', dueAt: new Date('2026-11-30T09:00:00Z') } });
    const open = await h.db.select().from(activities).where(eq(activities.dealId, result.dealId));
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ kind: 'meeting', leadId: null });
    const [deal] = await h.db.select().from(deals);
    expect(deal?.title).toBe('Иван Петров — #1');
    expect(deal?.companyId).toBeNull();
  });
});

describe('companyNameKey', () => {
  it('strips quotes and legal forms so spellings of one company meet', () => {
    const same = ['ООО «Ромашка»', 'Ромашка', 'ооо "ромашка"', '  РОМАШКА  ООО '];
    expect(new Set(same.map(companyNameKey))).toEqual(new Set(['ромашка']));
    expect(companyNameKey('Acme, Inc.')).toBe('acme');
    expect(companyNameKey('Acme LLC')).toBe('acme');
    expect(companyNameKey('ИП')).toBe('ип');
  });
});
