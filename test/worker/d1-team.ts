import type { Db } from '../../db/client.js';
import type { Role } from '../../db/enums.js';
import { members } from '../../db/schema/index.js';
import type { AppDeps } from '../../src/app-deps.js';
import type { Actor, CoreContext } from '../../src/core/shared/context.js';
import { newId } from '../../src/core/shared/ids.js';
import { memberActor } from '../../src/core/team/member-by-telegram.js';

/**
 * A settable clock over the Worker's own deps: the use cases get the D1 handle, settings and
 * renderers exactly as the webhook gives them; only `now` is pinned so due dates are exact.
 */
export class D1Clock {
  constructor(private current: Date) {}
  now = (): Date => new Date(this.current);
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export type TeamMember = { id: string; name: string; actor: Actor & { kind: 'member' } };

/** Members written straight to D1, then acted as the bot acts: the actor made from the stored row. */
export async function seedMember(db: Db, telegramId: number, name: string, role: Role): Promise<TeamMember> {
  const at = new Date('2026-11-01T00:00:00Z');
  const [row] = await db
    .insert(members)
    .values({ id: newId(), telegramId, chatId: telegramId, name, role, language: 'ru', createdAt: at, updatedAt: at })
    .returning();
  if (!row) throw new Error(`member ${name} was not stored`);
  return { id: row.id, name, actor: memberActor(row) as Actor & { kind: 'member' } };
}

export function as(deps: AppDeps, clock: D1Clock, who: { actor: Actor }): CoreContext {
  return { ...deps.core(who.actor), now: clock.now };
}
