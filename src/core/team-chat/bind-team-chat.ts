import { runBatch } from '../shared/batch.js';
import type { CoreContext } from '../shared/context.js';
import { forbidden } from '../shared/errors.js';
import { requireMember } from '../leads/lead-access.js';
import { historyEntry } from '../shared/records.js';
import { readSetting, writeSetting } from '../shared/settings-store.js';

export const TEAM_CHAT_SETTING_KEY = 'team_chat';
export interface BoundTeamChat {
  chatId: number;
  title: string | null;
}

/** The team chat the owner bound from Telegram, if any (LEADS_CHAT_ID, when set, overrides it at the edge). */
export async function boundTeamChat(ctx: Pick<CoreContext, 'db'>): Promise<BoundTeamChat | null> {
  const value = await readSetting(ctx, TEAM_CHAT_SETTING_KEY);
  if (typeof value !== 'object' || value === null) return null;
  const { chatId, title } = value as { chatId?: unknown; title?: unknown };
  return typeof chatId === 'number' && Number.isSafeInteger(chatId) ? { chatId, title: typeof title === 'string' ? title : null } : null;
}

/** The owner makes a group the team chat: new leads are announced there from now on. */
export async function bindTeamChat(ctx: CoreContext, chat: BoundTeamChat): Promise<BoundTeamChat> {
  const actor = requireMember(ctx);
  if (actor.role !== 'owner') throw forbidden('Only the owner binds the team chat');
  const before = await boundTeamChat(ctx);
  const now = ctx.now();
  await runBatch(ctx.db, [
    writeSetting(ctx, TEAM_CHAT_SETTING_KEY, chat, now),
    historyEntry(ctx.db, {
      entityType: 'member',
      entityId: TEAM_CHAT_SETTING_KEY,
      action: 'team_chat_bound',
      actor,
      at: now,
      changes: { chatId: [before?.chatId ?? null, chat.chatId], title: chat.title },
    }),
  ]);
  return chat;
}
