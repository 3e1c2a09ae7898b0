import { eq } from 'drizzle-orm';
import { LANGUAGES, type Language } from '../../../db/enums.js';
import { members } from '../../../db/schema/index.js';
import type { CoreContext } from '../shared/context.js';
import { CrmError } from '../shared/errors.js';
import { requireMember } from '../leads/lead-access.js';
import { historyEntry } from '../shared/records.js';

/** A member's own choice of language for the bot and their notifications. */
export async function setMemberLanguage(ctx: CoreContext, language: Language): Promise<void> {
  const actor = requireMember(ctx);
  if (!(LANGUAGES as readonly string[]).includes(language)) throw new CrmError('VALIDATION', `unknown language ${language}`);
  const now = ctx.now();
  await ctx.db.batch([
    ctx.db.update(members).set({ language, updatedAt: now }).where(eq(members.id, actor.id)),
    historyEntry(ctx.db, { entityType: 'member', entityId: actor.id, action: 'language_changed', actor, at: now, changes: { language } }),
  ]);
}
