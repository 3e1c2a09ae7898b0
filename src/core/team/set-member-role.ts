import { and, eq } from 'drizzle-orm';
import { ROLES, type Role } from '../../../db/enums.js';
import { members } from '../../../db/schema/index.js';
import type { CoreContext } from '../shared/context.js';
import { CrmError, forbidden, notFound, ruleBroken } from '../shared/errors.js';
import { historyOrAbort, runGuardedBatch } from '../shared/guarded-write.js';
import { requireMember } from '../leads/lead-access.js';
import { memberById } from './member-by-telegram.js';

/** Only the owner changes roles, and never their own: the team must not lose its owner by a mis-tap. */
export async function setMemberRole(ctx: CoreContext, memberId: string, role: Role): Promise<void> {
  const actor = requireMember(ctx);
  if (actor.role !== 'owner') throw forbidden('Only the owner changes roles');
  if (!(ROLES as readonly string[]).includes(role)) throw new CrmError('VALIDATION', `unknown role ${role}`);
  if (memberId === actor.id) throw ruleBroken('own_role', 'You cannot change your own role');
  const target = await memberById(ctx, memberId);
  if (!target) throw notFound('Member');
  if (target.role === role) return;
  const now = ctx.now();
  const { db } = ctx;
  await runGuardedBatch(
    db,
    [
      db.update(members).set({ role, updatedAt: now }).where(and(eq(members.id, memberId), eq(members.role, target.role))),
      historyOrAbort(db, { entityType: 'member', entityId: memberId, action: 'role_changed', actor, at: now, changes: { role: [target.role, role] } }),
    ],
    'member',
  );
}
