import { and, desc, eq, isNull, or, sql, type SQL } from 'drizzle-orm';
import { leads, type LeadRow } from '../../../db/schema/index.js';
import { isLeadership } from '../shared/access.js';
import type { CoreContext } from '../shared/context.js';
import { normalizeEmail, normalizePhone } from '../shared/phone.js';
import { requireMember } from './lead-access.js';

export type FoundLead = Pick<LeadRow, 'id' | 'number' | 'name' | 'phone' | 'email' | 'companyName' | 'status' | 'assigneeId'>;

const columns = {
  id: leads.id,
  number: leads.number,
  name: leads.name,
  phone: leads.phone,
  email: leads.email,
  companyName: leads.companyName,
  status: leads.status,
  assigneeId: leads.assigneeId,
};

/**
 * One search box for a lead number (`#12`, `12`), a phone in any format or its last digits,
 * an email, a name or a company. Every branch is answered from an index: the number's unique
 * index, the E.164 phone index, the last-four-digits expression index, the email index and the
 * trigram full-text index for names and companies. Managers only find their own leads and the pool.
 */
export async function findLeads(ctx: CoreContext, query: string, limit = 10): Promise<FoundLead[]> {
  const actor = requireMember(ctx);
  const text = query.normalize('NFKC').trim().slice(0, 100);
  if (!text) return [];
  const visible = isLeadership(actor) ? undefined : or(isNull(leads.assigneeId), eq(leads.assigneeId, actor.id));
  const match = matchFor(text, ctx.settings.defaultCountry);
  if (!match) return [];
  return ctx.db
    .select(columns)
    .from(leads)
    .where(and(match, visible))
    .orderBy(desc(leads.number))
    .limit(limit);
}

function matchFor(text: string, country: string): SQL | undefined {
  const number = /^#?\s*(\d{1,9})$/.exec(text);
  const digits = text.replace(/\D/g, '');
  if (number && digits.length < 4) return eq(leads.number, Number(number[1]));
  // Four digits may be a lead number or a phone's tail: both are asked.
  if (number && digits.length === 4) return or(eq(leads.number, Number(digits)), phoneTail(digits));
  if (/^#\d+$/.test(text)) return eq(leads.number, Number(digits));

  const email = normalizeEmail(text);
  if (email) return eq(leads.email, email);

  const looksLikePhone = /^[\d\s()+\-.]+$/.test(text) && digits.length >= 4;
  if (looksLikePhone) {
    const phone = normalizePhone(text, country);
    return phone ? or(eq(leads.phone, phone.e164), phoneTail(digits)) : phoneTail(digits);
  }
  return textMatch(text);
}

/** The index on the last four digits narrows; LIKE then checks the whole tail typed. */
function phoneTail(digits: string): SQL {
  return sql`(substr(${leads.phone}, -4) = ${digits.slice(-4)} AND ${leads.phone} LIKE ${`%${digits}`})`;
}

/** Trigram FTS needs three characters a word; shorter words cannot narrow the search and are dropped. */
function textMatch(text: string): SQL | undefined {
  const words = text.split(/\s+/).filter((w) => [...w].length >= 3);
  if (words.length === 0) return undefined;
  const phrase = words.map((w) => `"${w.replace(/"/g, '""')}"`).join(' ');
  return sql`${leads.number} IN (SELECT rowid FROM leads_search WHERE leads_search MATCH ${phrase})`;
}
