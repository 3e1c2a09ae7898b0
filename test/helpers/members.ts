import type { Db } from '../../db/client.js';
import type { Role } from '../../db/enums.js';
import { members } from '../../db/schema/index.js';
import type { Actor, CoreContext } from '../../src/core/shared/context.js';
import { newId } from '../../src/core/shared/ids.js';
import { memberActor, type MemberRow } from '../../src/core/team/member-by-telegram.js';
import { coreContext, type TestClock } from './context.js';

let telegramIds = 500;

/** A team member written straight to the table, for core tests that do not go through invites. */
export async function addMember(db: Db, name: string, role: Role, extra: Partial<MemberRow> = {}): Promise<MemberRow & { actor: Actor }> {
  const now = new Date('2026-11-01T00:00:00Z');
  const id = telegramIds++;
  const [row] = await db
    .insert(members)
    .values({ id: newId(), telegramId: id, chatId: id, name, role, createdAt: now, updatedAt: now, ...extra })
    .returning();
  return { ...row!, actor: memberActor(row!) };
}

export function as(db: Db, who: { actor: Actor }, clock: TestClock): CoreContext {
  return coreContext(db, { actor: who.actor, clock });
}
