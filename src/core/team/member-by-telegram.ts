import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { members } from '../../../db/schema/index.js';
import type { Actor } from '../shared/context.js';

export type MemberRow = typeof members.$inferSelect;

/** The team member behind a Telegram account, active or not; null for a stranger. */
export async function memberByTelegram(ctx: { db: Db }, telegramId: number): Promise<MemberRow | null> {
  const [row] = await ctx.db.select().from(members).where(eq(members.telegramId, telegramId)).limit(1);
  return row ?? null;
}

export async function memberById(ctx: { db: Db }, id: string): Promise<MemberRow | null> {
  const [row] = await ctx.db.select().from(members).where(eq(members.id, id)).limit(1);
  return row ?? null;
}

/** How a member appears as the actor of a use case and in history ("by Anna"). */
export function memberActor(member: Pick<MemberRow, 'id' | 'name' | 'role' | 'language'>): Actor {
  return { kind: 'member', id: member.id, label: member.name, role: member.role, language: member.language };
}
