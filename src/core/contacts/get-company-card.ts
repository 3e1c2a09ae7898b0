import { asc, eq } from 'drizzle-orm';
import { companies, contacts, type CompanyRow, type HistoryRow } from '../../../db/schema/index.js';
import { assertCanSeeCompany } from './contact-access.js';
import type { CoreContext } from '../shared/context.js';
import { notFound } from '../shared/errors.js';
import { linkedDealsOf, linkedLeadsOf, recentHistory, type LinkedDeal, type LinkedLead } from './get-contact-card.js';

export interface CompanyCard {
  company: CompanyRow;
  contacts: { id: string; name: string | null; phone: string | null; email: string | null; position: string | null }[];
  leads: LinkedLead[];
  deals: LinkedDeal[];
  history: HistoryRow[];
}

/** A company with its people, the leads those people sent and the company's deals. */
export async function getCompanyCard(ctx: CoreContext, companyId: string): Promise<CompanyCard> {
  const [company] = await ctx.db.select().from(companies).where(eq(companies.id, companyId)).limit(1);
  if (!company) throw notFound('Company');
  await assertCanSeeCompany(ctx, companyId);
  const people = await ctx.db
    .select({ id: contacts.id, name: contacts.name, phone: contacts.phone, email: contacts.email, position: contacts.position })
    .from(contacts)
    .where(eq(contacts.companyId, companyId))
    .orderBy(asc(contacts.name));
  const [leadRows, dealRows, lines] = await Promise.all([
    linkedLeadsOf(ctx, people.map((p) => p.id)),
    linkedDealsOf(ctx, { companyId }),
    recentHistory(ctx, 'company', companyId),
  ]);
  return { company, contacts: people, leads: leadRows, deals: dealRows, history: lines };
}
