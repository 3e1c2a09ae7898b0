import { runBatch } from '../shared/batch.js';
import type { CoreContext } from '../shared/context.js';
import { forbidden } from '../shared/errors.js';
import { requireMember } from '../leads/lead-access.js';
import { historyEntry } from '../shared/records.js';
import { readSetting, writeSetting } from '../shared/settings-store.js';

export const TEAM_CHAT_DETAILS = ['short', 'full'] as const;
export type TeamChatDetailsMode = (typeof TEAM_CHAT_DETAILS)[number];
const KEY = 'team_chat_details';

/** What the team chat shows of a new lead, as the owner chose: short (default) or full details. */
export async function teamChatDetailsSetting(ctx: Pick<CoreContext, 'db'>): Promise<TeamChatDetailsMode | undefined> {
  const v = await readSetting(ctx, KEY);
  return (TEAM_CHAT_DETAILS as readonly unknown[]).includes(v) ? (v as TeamChatDetailsMode) : undefined;
}

/** The owner lets the team chat show full details (phone, email, comment), or goes back to short cards. */
export async function setTeamChatDetails(ctx: CoreContext, mode: TeamChatDetailsMode): Promise<void> {
  const actor = requireMember(ctx);
  if (actor.role !== 'owner') throw forbidden('Only the owner changes what the team chat shows');
  const before = (await teamChatDetailsSetting(ctx)) ?? 'short';
  const now = ctx.now();
  await runBatch(ctx.db, [
    writeSetting(ctx, KEY, mode, now),
    historyEntry(ctx.db, { entityType: 'member', entityId: KEY, action: 'team_chat_details_changed', actor, at: now, changes: { details: [before, mode] } }),
  ]);
}
