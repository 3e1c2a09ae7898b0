import { describe, expect, it } from 'vitest';
import { isCrmError } from '../../../src/core/shared/errors.js';
import { findContactsAndCompanies } from '../../../src/core/contacts/find-contacts-and-companies.js';
import { getCompanyCard } from '../../../src/core/contacts/get-company-card.js';
import { getContactCard } from '../../../src/core/contacts/get-contact-card.js';
import { updateCompany } from '../../../src/core/contacts/update-company.js';
import { updateContact } from '../../../src/core/contacts/update-contact.js';
import { useFreshDb } from '../../helpers/db.js';
import { dealFor, memberActor } from '../../helpers/deal-fixtures.js';

describe('contacts and companies', () => {
  const h = useFreshDb({ now: '2026-11-27T10:00:00Z' });

  it('shows cards with leads and deals, edits with normalisation, and finds by phone, email and name', async () => {
    const anna = await memberActor(h.db, 'manager', 'Anna');
    const boris = await memberActor(h.db, 'manager', 'Boris');
    const { ctx, contactId, companyId, dealId, leadId } = await dealFor(h.db, anna, h.clock, {
      name: 'Иван Петров',
      phone: '+79991234567',
      companyName: 'ООО «Ромашка»',
    });
    const card = await getContactCard(ctx, contactId);
    expect(card.contact.name).toBe('Иван Петров');
    expect(card.company?.name).toBe('ООО «Ромашка»');
    expect(card.leads.map((l) => l.id)).toEqual([leadId]);
    expect(card.deals.map((d) => d.id)).toEqual([dealId]);

    await updateContact(ctx, { contactId, phone: '8 (916) 555-44-33', email: 'Ivan@Romashka.RU', name: 'Иван Иванович Петров' });
    const after = await getContactCard(ctx, contactId);
    expect(after.contact).toMatchObject({ phone: '+79165554433', email: 'ivan@romashka.ru', name: 'Иван Иванович Петров' });
    expect(after.history[0]?.changes).toMatchObject({ phone: ['+79991234567', '+79165554433'] });
    await expect(updateContact(ctx, { contactId, email: 'nope' })).rejects.toSatisfy((e) => isCrmError(e, 'VALIDATION'));

    const company = await getCompanyCard(ctx, companyId!);
    expect(company.contacts.map((c) => c.id)).toEqual([contactId]);
    expect(company.deals.map((d) => d.id)).toEqual([dealId]);
    expect(company.leads.map((l) => l.id)).toEqual([leadId]);
    await updateCompany(ctx, { companyId: companyId!, website: 'romashka.ru', name: 'АО Ромашка' });

    for (const query of ['8 916 555 44 33', 'ivan@romashka.ru', 'иван', 'ПЕТРОВ']) {
      expect((await findContactsAndCompanies(ctx, query)).contacts.map((c) => c.id)).toEqual([contactId]);
    }
    expect((await findContactsAndCompanies(ctx, 'ромашк')).companies.map((c) => c.name)).toEqual(['АО Ромашка']);
    // Another manager's client stays out of Boris's reach.
    const borisCtx = h.ctx(boris);
    expect(await findContactsAndCompanies(borisCtx, 'иван')).toEqual({ contacts: [], companies: [] });
    await expect(getContactCard(borisCtx, contactId)).rejects.toSatisfy((e) => isCrmError(e, 'FORBIDDEN'));
  });

  it('refuses a company rename onto an existing company', async () => {
    const owner = await memberActor(h.db, 'owner');
    const a = await dealFor(h.db, owner, h.clock, { phone: '+79990000001', companyName: 'Ромашка' });
    const b = await dealFor(h.db, owner, h.clock, { phone: '+79990000002', companyName: 'Василёк' });
    await expect(updateCompany(b.ctx, { companyId: b.companyId!, name: 'ООО "Ромашка"' })).rejects.toSatisfy((e) => isCrmError(e, 'CONFLICT'));
    expect((await getCompanyCard(a.ctx, a.companyId!)).company.name).toBe('Ромашка');
  });
});
