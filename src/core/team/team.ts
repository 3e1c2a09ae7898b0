import { and, eq, inArray } from 'drizzle-orm';
import type { Language, Role } from '../../../db/enums.js';
import { members } from '../../../db/schema/index.js';
import type { CoreContext } from '../shared/context.js';

/** What a job needs to know about a recipient: where to send, in which language and zone. */
export interface Recipient {
  id: string;
  name: string;
  role: Role;
  chatId: number;
  language: Language;
  timeZone: string;
}

/** What a job needs to address a member: where to send and in which language and zone. */
export const recipientColumns = {
  id: members.id,
  name: members.name,
  role: members.role,
  chatId: members.chatId,
  language: members.language,
  timeZone: members.timeZone,
};

export async function activeMembers(ctx: Pick<CoreContext, 'db'>, roles?: readonly Role[]): Promise<Recipient[]> {
  const where = roles ? and(eq(members.active, true), inArray(members.role, [...roles])) : eq(members.active, true);
  return ctx.db
    .select(recipientColumns)
    .from(members)
    .where(where)
    .orderBy(members.id);
}

/** Private chats of members who left the team (their chat-scoped command menus are removed). */
export async function inactiveMemberChats(ctx: Pick<CoreContext, 'db'>): Promise<number[]> {
  const rows = await ctx.db.select({ chatId: members.chatId }).from(members).where(eq(members.active, false));
  return rows.map((r) => r.chatId);
}

export async function findRecipient(ctx: Pick<CoreContext, 'db'>, memberId: string): Promise<Recipient | null> {
  const [row] = await ctx.db
    .select(recipientColumns)
    .from(members)
    .where(eq(members.id, memberId));
  return row ?? null;
}
