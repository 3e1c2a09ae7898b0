import { eq } from 'drizzle-orm';
import * as z from 'zod';
import { contacts, type ContactRow } from '../../../db/schema/index.js';
import { runBatch } from '../shared/batch.js';
import { assertCanSeeContact } from './contact-access.js';
import type { CoreContext } from '../shared/context.js';
import { notFound } from '../shared/errors.js';
import { editedEmail, editedPhone } from '../shared/phone.js';
import { diff, historyEntry } from '../shared/records.js';
import { parseInput } from '../shared/validate.js';

/** null clears a field; undefined leaves it alone. */
export const contactPatchSchema = z.object({
  name: z.string().trim().min(1).max(200).nullable().optional(),
  phone: z.string().trim().min(1).max(64).nullable().optional(),
  email: z.string().trim().min(1).max(254).nullable().optional(),
  position: z.string().trim().min(1).max(200).nullable().optional(),
});
export type ContactPatch = z.input<typeof contactPatchSchema>;

export const updateContactSchema = contactPatchSchema.extend({ contactId: z.string().min(1) });

/** Turns a typed patch into column values: phones to E.164, emails lower-cased; nonsense is refused, not stored. */
export function contactValues(ctx: CoreContext, patch: z.output<typeof contactPatchSchema>) {
  const values: Partial<Pick<ContactRow, 'name' | 'phone' | 'phoneExt' | 'email' | 'position'>> = {};
  if (patch.name !== undefined) values.name = patch.name;
  if (patch.position !== undefined) values.position = patch.position;
  if (patch.phone !== undefined) {
    const phone = editedPhone(patch.phone, ctx.settings.defaultCountry);
    values.phone = phone?.e164 ?? null;
    values.phoneExt = phone?.ext ?? null;
  }
  if (patch.email !== undefined) values.email = editedEmail(patch.email);
  return values;
}

/** The update and its history line for a contact, to go into the caller's batch. */
export function contactUpdateStatements(ctx: CoreContext, contact: ContactRow, values: Partial<ContactRow>) {
  const changes = diff(contact, values);
  if (Object.keys(changes).length === 0) return [];
  const now = ctx.now();
  return [
    ctx.db.update(contacts).set({ ...values, updatedAt: now }).where(eq(contacts.id, contact.id)),
    historyEntry(ctx.db, { entityType: 'contact', entityId: contact.id, action: 'updated', actor: ctx.actor, at: now, changes }),
  ];
}

export async function updateContact(ctx: CoreContext, input: z.input<typeof updateContactSchema>): Promise<{ changed: string[] }> {
  const { contactId, ...patch } = parseInput(updateContactSchema, input, 'contact');
  const [contact] = await ctx.db.select().from(contacts).where(eq(contacts.id, contactId)).limit(1);
  if (!contact) throw notFound('Contact');
  await assertCanSeeContact(ctx, contactId);
  const values = contactValues(ctx, patch);
  await runBatch(ctx.db, contactUpdateStatements(ctx, contact, values));
  return { changed: Object.keys(diff(contact, values)) };
}
