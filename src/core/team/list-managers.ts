import { asc, eq } from 'drizzle-orm';
import { members } from '../../../db/schema/index.js';
import { isLeadership } from '../shared/access.js';
import type { CoreContext } from '../shared/context.js';
import { requireMember } from '../leads/lead-access.js';

/** Whom the actor may filter by: heads and the owner pick among active members; a manager only has themself. */
export async function listManagers(ctx: CoreContext): Promise<{ id: string; name: string }[]> {
  const me = requireMember(ctx);
  if (!isLeadership(me)) return [{ id: me.id, name: me.label }];
  return ctx.db.select({ id: members.id, name: members.name }).from(members).where(eq(members.active, true)).orderBy(asc(members.name));
}
