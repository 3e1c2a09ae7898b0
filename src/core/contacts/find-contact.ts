import { eq } from 'drizzle-orm';
import { contacts, type ContactRow } from '../../../db/schema/index.js';
import type { CoreContext } from '../shared/context.js';

/** The person behind a phone or an email: phone first, because a shared office email is common. */
export async function findContactFor(
  ctx: Pick<CoreContext, 'db'>,
  who: { contactId?: string | null; phone?: string | null; email?: string | null },
): Promise<ContactRow | null> {
  const tries = [
    who.contactId ? eq(contacts.id, who.contactId) : null,
    who.phone ? eq(contacts.phone, who.phone) : null,
    who.email ? eq(contacts.email, who.email) : null,
  ];
  for (const where of tries) {
    if (!where) continue;
    const [row] = await ctx.db.select().from(contacts).where(where).orderBy(contacts.createdAt).limit(1);
    if (row) return row;
  }
  return null;
}
