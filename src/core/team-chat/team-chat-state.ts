import { and, eq } from 'drizzle-orm';
import { members } from '../../../db/schema/index.js';
import { runBatch } from '../shared/batch.js';
import type { CoreContext } from '../shared/context.js';
import { outboxEntry } from '../shared/records.js';
import { readSetting, writeSetting } from '../shared/settings-store.js';

export const TEAM_CHAT_STATE_KEY = 'team_chat_state';

/** What the bot last heard about itself in the team chat (my_chat_member): shown in /health. */
export type TeamChatStatus = 'ok' | 'removed' | 'cannot_post';
export interface TeamChatState {
  chatId: number;
  status: TeamChatStatus;
  /** The bot may ban (remove) members there: deactivation then removes them itself. */
  admin: boolean;
  at: string;
}

export async function teamChatState(ctx: Pick<CoreContext, 'db'>): Promise<TeamChatState | null> {
  const v = await readSetting(ctx, TEAM_CHAT_STATE_KEY);
  return typeof v === 'object' && v !== null && 'status' in v ? (v as TeamChatState) : null;
}

/** Events in the team chat the owner must hear of, each an outbox message to every active owner. */
export type TeamChatAlert =
  | { event: 'bot_removed' | 'cannot_post' }
  | { event: 'stranger_joined'; name: string; username: string | null }
  | { event: 'remove_by_hand'; name: string };

/**
 * Records the bot's state in the team chat and, when it changed for the worse, tells the owners.
 * Returns whether it changed.
 */
export async function recordTeamChatState(
  ctx: Pick<CoreContext, 'db' | 'now'>,
  next: Omit<TeamChatState, 'at'>,
): Promise<boolean> {
  const before = await teamChatState(ctx);
  const changed = before?.status !== next.status || before?.chatId !== next.chatId || before?.admin !== next.admin;
  if (!changed) return false;
  const now = ctx.now();
  const alert = next.status === 'ok' || before?.status === next.status ? [] : await alertStatements(ctx, { event: next.status === 'removed' ? 'bot_removed' : 'cannot_post' });
  await runBatch(ctx.db, [writeSetting(ctx, TEAM_CHAT_STATE_KEY, { ...next, at: now.toISOString() }, now), ...alert]);
  return true;
}

/** Tells every active owner about something in the team chat they have to act on. */
export async function alertOwners(ctx: Pick<CoreContext, 'db' | 'now'>, alert: TeamChatAlert): Promise<void> {
  await runBatch(ctx.db, await alertStatements(ctx, alert));
}

async function alertStatements(ctx: Pick<CoreContext, 'db' | 'now'>, alert: TeamChatAlert) {
  const owners = await ctx.db
    .select({ id: members.id, chatId: members.chatId })
    .from(members)
    .where(and(eq(members.role, 'owner'), eq(members.active, true)));
  const at = ctx.now();
  return owners.map((o) => outboxEntry(ctx.db, { kind: 'team_chat_alert', payload: alert, chatId: o.chatId, memberId: o.id, at }));
}
