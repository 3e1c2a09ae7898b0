import { beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createLeadFromIntake } from '../../../src/core/intake/create-lead-from-intake.js';
import { findLeads } from '../../../src/core/leads/find-leads.js';
import { takeLead } from '../../../src/core/leads/take-lead.js';
import { useFreshDb } from '../../helpers/db.js';
import { addMember, as } from '../../helpers/members.js';

const webhook = { kind: 'webhook' as const, id: 'form', label: 'site form' };

describe('findLeads', () => {
  const h = useFreshDb();
  let anna: Awaited<ReturnType<typeof addMember>>;
  let mike: Awaited<ReturnType<typeof addMember>>;
  let owner: Awaited<ReturnType<typeof addMember>>;
  beforeEach(async () => {
    anna = await addMember(h.db, 'Anna', 'manager');
    mike = await addMember(h.db, 'Mike', 'manager');
    owner = await addMember(h.db, 'Olga', 'owner');
    const intake = h.ctx(webhook);
    await createLeadFromIntake(intake, { channel: 'site_form', intakeSource: 'form', name: 'Иван Петров', phone: '+7 912 345-67-89', companyName: 'ООО «Ромашка»' });
    await createLeadFromIntake(intake, { channel: 'site_form', intakeSource: 'form', name: 'John Smith', email: 'John@Acme.io', companyName: 'Acme Ltd' });
    const third = await createLeadFromIntake(intake, { channel: 'call', intakeSource: 'zadarma', name: 'Анна Иванова', phone: '8 (495) 111-67-89' });
    await takeLead(as(h.db, mike, h.clock), third.lead.id);
  });

  const numbers = async (who: typeof anna, q: string) => (await findLeads(as(h.db, who, h.clock), q)).map((l) => l.number).sort();

  it('by phone in any format, and by its last digits', async () => {
    for (const q of ['89123456789', '+7 (912) 345 67 89', '9123456789', '345-67-89', '4567 89'.replace(' ', '')]) {
      expect(await numbers(owner, q), q).toEqual([1]);
    }
    expect(await numbers(owner, '6789')).toEqual([1, 3]);
  });

  it('by lead number, email, name and company, case-insensitively in Cyrillic too', async () => {
    expect(await numbers(owner, '#2')).toEqual([2]);
    expect(await numbers(owner, '2')).toEqual([2]);
    expect(await numbers(owner, 'JOHN@acme.IO')).toEqual([2]);
    expect(await numbers(owner, 'иван')).toEqual([1, 3]);
    expect(await numbers(owner, 'ПЕТРОВ')).toEqual([1]);
    expect(await numbers(owner, 'ромашк')).toEqual([1]);
    expect(await numbers(owner, 'smith acme')).toEqual([2]);
    expect(await numbers(owner, 'zz')).toEqual([]);
  });

  it('a manager finds only their own leads and the pool', async () => {
    expect(await numbers(anna, 'иван')).toEqual([1]);
    expect(await numbers(mike, 'иван')).toEqual([1, 3]);
    expect(await numbers(anna, '#3')).toEqual([]);
  });

  it('every branch is answered from an index', async () => {
    const plans = [
      sql`EXPLAIN QUERY PLAN SELECT id FROM leads WHERE number = 2`,
      sql`EXPLAIN QUERY PLAN SELECT id FROM leads WHERE phone = '+79123456789' OR (substr(phone, -4) = '6789' AND phone LIKE '%56789')`,
      sql`EXPLAIN QUERY PLAN SELECT id FROM leads WHERE email = 'a@b.c'`,
      sql`EXPLAIN QUERY PLAN SELECT id FROM leads WHERE number IN (SELECT rowid FROM leads_search WHERE leads_search MATCH '"иван"')`,
    ];
    for (const plan of plans) {
      const rows = (await h.db.all(plan)) as { detail: string }[];
      expect(rows.map((r) => r.detail).join('; ')).not.toMatch(/SCAN leads(\s|$)/);
    }
  });
});
