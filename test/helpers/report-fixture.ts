import type { Db } from '../../db/client.js';
import { addActivity, addDeal, addLead, addMember } from './seed.js';

/**
 * A hand-countable week: Monday 16 to Monday 23 November 2026 in Moscow
 * (2026-11-15T21:00Z to 2026-11-22T21:00Z). The expected numbers are in the report test.
 */
export const WEEK = { from: new Date('2026-11-15T21:00:00Z'), to: new Date('2026-11-22T21:00:00Z') };
const d = (iso: string) => new Date(`2026-11-${iso}Z`);
const min = (base: Date, m: number) => new Date(base.getTime() + m * 60_000);

export async function seedReportWeek(db: Db) {
  const owner = await addMember(db, { name: 'Olga', role: 'owner' });
  const anna = await addMember(db, { name: 'Anna' });
  const boris = await addMember(db, { name: 'Boris' });

  const l1 = await addLead(db, { channel: 'site_form', assigneeId: anna, createdAt: d('16T08:00:00'), firstTouchedAt: min(d('16T08:00:00'), 10), status: 'converted' });
  await addLead(db, { channel: 'site_form', assigneeId: anna, createdAt: d('17T08:00:00'), firstTouchedAt: min(d('17T08:00:00'), 30) });
  await addLead(db, { channel: 'site_form', assigneeId: boris, createdAt: d('18T08:00:00') });
  const l4 = await addLead(db, { channel: 'call', assigneeId: boris, createdAt: d('19T08:00:00'), firstTouchedAt: min(d('19T08:00:00'), 5), status: 'converted' });
  await addLead(db, { channel: 'partner', createdAt: d('20T08:00:00'), firstTouchedAt: min(d('20T08:00:00'), 20), status: 'junk', junkReason: 'spam', closedAt: d('20T09:00:00') });
  // Outside the week: created before (one of them junked inside it) and after.
  const l6 = await addLead(db, { channel: 'call', assigneeId: anna, createdAt: d('10T08:00:00'), status: 'converted' });
  await addLead(db, { channel: 'call', assigneeId: anna, createdAt: d('23T08:00:00') });
  await addLead(db, { channel: 'other', createdAt: d('10T08:00:00'), status: 'junk', junkReason: 'duplicate', closedAt: d('18T10:00:00') });

  await addDeal(db, { leadId: l1, stage: 'won', amount: 100_000, assigneeId: anna, closedAt: d('18T12:00:00') });
  await addDeal(db, { leadId: l4, stage: 'lost', amount: 50_000, lostReason: 'price', assigneeId: boris, closedAt: d('19T12:00:00') });
  await addDeal(db, { leadId: l6, stage: 'won', amount: 250_000, assigneeId: anna, closedAt: d('21T12:00:00') });
  await addDeal(db, { stage: 'lost', amount: 30_000, lostReason: 'competitor', closedAt: d('22T20:59:00') });
  await addDeal(db, { stage: 'won', amount: 999, closedAt: d('22T21:00:00') });
  await addDeal(db, { stage: 'won', amount: 5_000, currency: 'USD', closedAt: d('17T12:00:00') });
  await addDeal(db, { stage: 'proposal', amount: 70_000, assigneeId: anna });

  await addActivity(db, { assigneeId: anna, dueAt: d('20T08:00:00') });
  await addActivity(db, { assigneeId: anna, dueAt: d('22T22:00:00') });
  await addActivity(db, { assigneeId: boris, dueAt: d('21T08:00:00') });
  await addActivity(db, { assigneeId: boris, dueAt: d('19T08:00:00'), doneAt: d('19T09:00:00') });
  await addActivity(db, { assigneeId: null, dueAt: d('20T08:00:00') });
  return { owner, anna, boris };
}
