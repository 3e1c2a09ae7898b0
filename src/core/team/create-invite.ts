import { ROLES, type Role } from '../../../db/enums.js';
import { invites } from '../../../db/schema/index.js';
import type { CoreContext } from '../shared/context.js';
import { CrmError, forbidden } from '../shared/errors.js';
import { randomToken, sha256Hex } from '../shared/secrets.js';

export const INVITE_TTL_MS = 72 * 60 * 60 * 1000;

/**
 * A one-time code to join the team with a role. Only the owner may invite owners or heads;
 * heads may invite managers. The operator CLI (actor "system") makes the first owner's code.
 */
export async function createInvite(ctx: CoreContext, role: Role): Promise<{ code: string; expiresAt: Date }> {
  const { actor } = ctx;
  // The role arrives from a button's payload, which a modified client can forge; the column does not check it.
  if (!(ROLES as readonly string[]).includes(role)) throw new CrmError('VALIDATION', `unknown role ${String(role).slice(0, 20)}`);
  if (actor.kind === 'member') {
    const allowed = actor.role === 'owner' || (actor.role === 'head' && role === 'manager');
    if (!allowed) throw forbidden(`A ${actor.role} cannot invite a ${role}`);
  } else if (actor.kind !== 'system') {
    throw forbidden('Only team members and the operator can invite');
  }
  const { code, codeHash } = await newInviteCode();
  const now = ctx.now();
  const expiresAt = new Date(now.getTime() + INVITE_TTL_MS);
  await ctx.db.insert(invites).values({
    codeHash,
    role,
    createdBy: actor.id,
    createdAt: now,
    expiresAt,
  });
  return { code, expiresAt };
}

/** A fresh code and the hash stored for it (the code itself is never stored). */
export async function newInviteCode(): Promise<{ code: string; codeHash: string }> {
  const code = randomToken('', 16);
  return { code, codeHash: await sha256Hex(code) };
}
