import { eq } from 'drizzle-orm';
import { members } from '../../../db/schema/index.js';
import type { CoreContext } from '../shared/context.js';
import { CrmError } from '../shared/errors.js';
import { requireMember } from '../leads/lead-access.js';
import { memberById } from './member-by-telegram.js';
import { historyEntry } from '../shared/records.js';
import { resolveTimeZone } from '../shared/time-zone.js';

/**
 * A member's own time zone: their morning list comes at their WORKDAY_START, and every date the bot
 * shows or reads ("tomorrow 10:00") is theirs. Stored as the canonical IANA name.
 */
export async function setMemberTimeZone(ctx: CoreContext, input: string): Promise<{ timeZone: string; previous: string }> {
  const actor = requireMember(ctx);
  const timeZone = resolveTimeZone(input);
  if (!timeZone) throw new CrmError('VALIDATION', `unknown time zone "${input.slice(0, 64)}"`, { rule: 'unknown_time_zone' });
  const member = await memberById(ctx, actor.id);
  const previous = member?.timeZone ?? ctx.settings.defaultTimeZone;
  const now = ctx.now();
  await ctx.db.batch([
    ctx.db.update(members).set({ timeZone, updatedAt: now }).where(eq(members.id, actor.id)),
    historyEntry(ctx.db, { entityType: 'member', entityId: actor.id, action: 'time_zone_changed', actor, at: now, changes: { timeZone: [previous, timeZone] } }),
  ]);
  return { timeZone, previous };
}
