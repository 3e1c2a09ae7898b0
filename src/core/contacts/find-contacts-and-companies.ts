import { eq, like, or, type SQL } from 'drizzle-orm';
import { companies, contacts } from '../../../db/schema/index.js';
import { companyNameKey } from './company-key.js';
import { canSeeCompanies, canSeeContacts } from './contact-access.js';
import type { CoreContext } from '../shared/context.js';
import { normalizeEmail, normalizePhone } from '../shared/phone.js';

export interface ContactHit {
  id: string;
  name: string | null;
  phone: string | null;
  email: string | null;
  companyId: string | null;
}
export interface CompanyHit {
  id: string;
  name: string;
}

/**
 * Finds people and companies by a phone (any spelling), an email or part of a name.
 * Lead search is separate (/find of leads); the bot shows both lists.
 */
export async function findContactsAndCompanies(
  ctx: CoreContext,
  query: string,
  opts: { limit?: number } = {},
): Promise<{ contacts: ContactHit[]; companies: CompanyHit[] }> {
  const q = query.normalize('NFKC').trim().slice(0, 100);
  const limit = opts.limit ?? 10;
  if (q.length < 2) return { contacts: [], companies: [] };
  const phone = normalizePhone(q, ctx.settings.defaultCountry);
  const email = normalizeEmail(q);
  const contactWhere: SQL[] = [];
  if (phone) contactWhere.push(eq(contacts.phone, phone.e164));
  if (email) contactWhere.push(eq(contacts.email, email));
  // SQLite's LIKE folds case for ASCII only, so Cyrillic names are tried as typed, lower and Capitalised.
  // A typed % or _ acts as a wildcard: harmless in a search box.
  const pattern = (v: string) => `%${v}%`;
  for (const variant of caseVariants(q)) contactWhere.push(like(contacts.name, pattern(variant)));
  if (!phone && !email && q.includes('@')) contactWhere.push(like(contacts.email, pattern(q.toLowerCase())));

  const key = companyNameKey(q);
  const [people, firms] = await Promise.all([
    ctx.db
      .select({ id: contacts.id, name: contacts.name, phone: contacts.phone, email: contacts.email, companyId: contacts.companyId })
      .from(contacts)
      .where(or(...contactWhere))
      .limit(limit * 3),
    phone || email || !key
      ? Promise.resolve([])
      : ctx.db.select({ id: companies.id, name: companies.name }).from(companies).where(like(companies.nameKey, pattern(key))).limit(limit * 3),
  ]);
  const [okPeople, okFirms] = await Promise.all([canSeeContacts(ctx, people.map((p) => p.id)), canSeeCompanies(ctx, firms.map((f) => f.id))]);
  return {
    contacts: people.filter((p) => okPeople.has(p.id)).slice(0, limit),
    companies: firms.filter((f) => okFirms.has(f.id)).slice(0, limit),
  };
}

function caseVariants(q: string): string[] {
  const lower = q.toLowerCase();
  return [...new Set([q, lower, lower.charAt(0).toUpperCase() + lower.slice(1)])];
}
