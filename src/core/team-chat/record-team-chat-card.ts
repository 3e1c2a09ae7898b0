import { and, eq } from 'drizzle-orm';
import { teamChatCards } from '../../../db/schema/index.js';
import type { CoreContext } from '../shared/context.js';
import { newId } from '../shared/ids.js';

export type TeamChatCardKind = 'single' | 'list';
export interface TeamChatCard {
  chatId: number;
  messageId: number;
  kind: TeamChatCardKind;
  leadIds: string[];
}

/** Remembers which leads a team-chat message carries, so Take can be checked against it. */
export async function recordTeamChatCard(ctx: Pick<CoreContext, 'db' | 'now'>, card: TeamChatCard): Promise<void> {
  await ctx.db
    .insert(teamChatCards)
    .values({ id: newId(), ...card, createdAt: ctx.now() })
    .onConflictDoUpdate({ target: [teamChatCards.chatId, teamChatCards.messageId], set: { kind: card.kind, leadIds: card.leadIds } });
}

/** The card a team-chat message carries, or null for any other message (a reminder, a forged one). */
export async function teamChatCardOf(ctx: Pick<CoreContext, 'db'>, chatId: number, messageId: number): Promise<TeamChatCard | null> {
  const [row] = await ctx.db
    .select()
    .from(teamChatCards)
    .where(and(eq(teamChatCards.chatId, chatId), eq(teamChatCards.messageId, messageId)))
    .limit(1);
  return row ? { chatId: row.chatId, messageId: row.messageId, kind: row.kind, leadIds: row.leadIds } : null;
}
