import { and, desc, eq, inArray } from 'drizzle-orm';
import { companies, contacts, deals, history, leads, type CompanyRow, type ContactRow, type HistoryRow } from '../../../db/schema/index.js';
import { canSeeRecord } from '../shared/access.js';
import { inChunks } from '../shared/bound-params.js';
import { assertCanSeeContact } from './contact-access.js';
import { dealSummaryColumns } from '../deals/list-deals.js';
import type { CoreContext } from '../shared/context.js';
import { notFound } from '../shared/errors.js';

export interface LinkedLead {
  id: string;
  number: number;
  status: string;
  createdAt: Date;
}
export interface LinkedDeal {
  id: string;
  number: number;
  title: string;
  stage: string;
  amount: number;
  currency: string;
}

export interface ContactCard {
  contact: ContactRow;
  company: CompanyRow | null;
  leads: LinkedLead[];
  deals: LinkedDeal[];
  history: HistoryRow[];
}

const leadColumns = { id: leads.id, number: leads.number, status: leads.status, createdAt: leads.createdAt, assigneeId: leads.assigneeId };
const dealColumns = dealSummaryColumns;

/** A person with their company, leads and deals; a manager sees only the leads and deals they may open. */
export async function getContactCard(ctx: CoreContext, contactId: string): Promise<ContactCard> {
  const [contact] = await ctx.db.select().from(contacts).where(eq(contacts.id, contactId)).limit(1);
  if (!contact) throw notFound('Contact');
  await assertCanSeeContact(ctx, contactId);
  const [company, leadRows, dealRows, lines] = await Promise.all([
    contact.companyId ? ctx.db.select().from(companies).where(eq(companies.id, contact.companyId)).then((r) => r[0] ?? null) : null,
    ctx.db.select(leadColumns).from(leads).where(eq(leads.contactId, contactId)).orderBy(desc(leads.number)),
    ctx.db.select(dealColumns).from(deals).where(eq(deals.contactId, contactId)).orderBy(desc(deals.number)),
    recentHistory(ctx, 'contact', contactId),
  ]);
  return { contact, company, leads: visibleOnly(ctx, leadRows), deals: visibleOnly(ctx, dealRows), history: lines };
}

export async function linkedDealsOf(ctx: CoreContext, where: { companyId: string }): Promise<LinkedDeal[]> {
  const rows = await ctx.db.select(dealColumns).from(deals).where(eq(deals.companyId, where.companyId)).orderBy(desc(deals.number));
  return visibleOnly(ctx, rows);
}

export async function linkedLeadsOf(ctx: CoreContext, contactIds: string[]): Promise<LinkedLead[]> {
  if (contactIds.length === 0) return [];
  // A company may have hundreds of people: chunked for D1's 100 bound parameters (bound-params.ts), newest first across chunks.
  const rows = await inChunks(contactIds, (chunk) => ctx.db.select(leadColumns).from(leads).where(inArray(leads.contactId, chunk)));
  return visibleOnly(ctx, rows.sort((a, b) => b.number - a.number));
}

export function recentHistory(ctx: CoreContext, entityType: 'contact' | 'company', entityId: string, limit = 5) {
  return ctx.db
    .select()
    .from(history)
    .where(and(eq(history.entityType, entityType), eq(history.entityId, entityId)))
    .orderBy(desc(history.createdAt), desc(history.id))
    .limit(limit);
}

function visibleOnly<T extends { assigneeId: string | null }>(ctx: CoreContext, rows: T[]): Omit<T, 'assigneeId'>[] {
  return rows.filter((r) => canSeeRecord(ctx.actor, r)).map(({ assigneeId: _a, ...rest }) => rest);
}
