import { eq } from 'drizzle-orm';
import { companies } from '../../../db/schema/index.js';
import { cleanCompanyName, companyNameKey } from './company-key.js';
import type { CoreContext } from '../shared/context.js';
import { CrmError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { historyEntry } from '../shared/records.js';

export interface CompanyPick {
  id: string;
  name: string;
  created: boolean;
  /** Insert and history for a new company, to go first in the caller's batch. */
  statements: ReturnType<typeof companyInserts>;
}

/**
 * The company with this name's key, or a new one ready to insert. Two writers creating the same
 * company at once collide on the unique name_key; callers retry and then find the winner.
 */
export async function findOrCreateCompany(ctx: CoreContext, rawName: string): Promise<CompanyPick> {
  const name = cleanCompanyName(rawName);
  if (!name) throw new CrmError('VALIDATION', 'A company needs a name');
  if (name.length > 200) throw new CrmError('VALIDATION', 'company: must be at most 200 characters');
  const nameKey = companyNameKey(name);
  const [found] = await ctx.db
    .select({ id: companies.id, name: companies.name })
    .from(companies)
    .where(eq(companies.nameKey, nameKey))
    .limit(1);
  if (found) return { ...found, created: false, statements: [] };
  const id = newId();
  return { id, name, created: true, statements: companyInserts(ctx, id, name, nameKey) };
}

function companyInserts(ctx: CoreContext, id: string, name: string, nameKey: string) {
  const now = ctx.now();
  return [
    ctx.db.insert(companies).values({ id, name, nameKey, createdAt: now, updatedAt: now }),
    historyEntry(ctx.db, { entityType: 'company', entityId: id, action: 'created', actor: ctx.actor, at: now, changes: { name } }),
  ];
}
