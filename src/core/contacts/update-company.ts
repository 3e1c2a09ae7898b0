import { and, eq, ne } from 'drizzle-orm';
import * as z from 'zod';
import { companies } from '../../../db/schema/index.js';
import { runBatch } from '../shared/batch.js';
import { cleanCompanyName, companyNameKey } from './company-key.js';
import { assertCanSeeCompany } from './contact-access.js';
import type { CoreContext } from '../shared/context.js';
import { CrmError, notFound } from '../shared/errors.js';
import { editedEmail, editedPhone } from '../shared/phone.js';
import { diff, historyEntry, isUniqueViolation } from '../shared/records.js';
import { parseInput } from '../shared/validate.js';

export const updateCompanySchema = z.object({
  companyId: z.string().min(1),
  name: z.string().trim().min(1).max(200).optional(),
  phone: z.string().trim().min(1).max(64).nullable().optional(),
  email: z.string().trim().min(1).max(254).nullable().optional(),
  website: z.string().trim().min(1).max(500).nullable().optional(),
});
export type UpdateCompanyInput = z.input<typeof updateCompanySchema>;

/** Renames or edits a company. A new name whose key another company has is a CONFLICT: merging is a human decision. */
export async function updateCompany(ctx: CoreContext, input: UpdateCompanyInput): Promise<{ changed: string[] }> {
  const { companyId, ...patch } = parseInput(updateCompanySchema, input, 'company');
  const [company] = await ctx.db.select().from(companies).where(eq(companies.id, companyId)).limit(1);
  if (!company) throw notFound('Company');
  await assertCanSeeCompany(ctx, companyId);

  const values: Partial<typeof company> = {};
  if (patch.name !== undefined) {
    values.name = cleanCompanyName(patch.name);
    values.nameKey = companyNameKey(values.name);
    const [other] = await ctx.db
      .select({ name: companies.name })
      .from(companies)
      .where(and(eq(companies.nameKey, values.nameKey), ne(companies.id, companyId)))
      .limit(1);
    if (other) throw new CrmError('CONFLICT', `Company "${other.name}" already exists`, { existing: other.name });
  }
  if (patch.phone !== undefined) values.phone = editedPhone(patch.phone, ctx.settings.defaultCountry)?.e164 ?? null;
  if (patch.email !== undefined) values.email = editedEmail(patch.email);
  if (patch.website !== undefined) values.website = patch.website;

  const { nameKey: _key, ...visibleChanges } = diff(company, values);
  if (Object.keys(diff(company, values)).length === 0) return { changed: [] };
  const now = ctx.now();
  try {
    await runBatch(ctx.db, [
      ctx.db.update(companies).set({ ...values, updatedAt: now }).where(eq(companies.id, companyId)),
      historyEntry(ctx.db, { entityType: 'company', entityId: companyId, action: 'updated', actor: ctx.actor, at: now, changes: visibleChanges }),
    ]);
  } catch (e) {
    if (isUniqueViolation(e)) throw new CrmError('CONFLICT', `Company "${values.name}" already exists`);
    throw e;
  }
  return { changed: Object.keys(visibleChanges) };
}
