import { GrammyError, type Api } from 'grammy';
import type { AppDeps } from '../src/app-deps.js';
import { boundTeamChat } from '../src/core/team-chat/bind-team-chat.js';
import { teamCardLeads, type TeamCardLead } from '../src/core/leads/list-pool.js';
import type { TeamChatCardKind } from '../src/core/team-chat/record-team-chat-card.js';
import { teamChatDetailsSetting } from '../src/core/team-chat/set-team-chat-details.js';
import { teamChatState } from '../src/core/team-chat/team-chat-state.js';
import { messages } from './i18n.js';
import type { OutboxMessage } from './render/outbox-renderer.js';
import { listCardText, singleCardText, takeKeyboard, type TeamChatDetails } from './render/team-card.js';

/** The team chat: LEADS_CHAT_ID when set (an override), else the chat the owner bound from Telegram. */
export async function teamChatId(deps: Pick<AppDeps, 'db' | 'config'>): Promise<number | undefined> {
  if (deps.config.LEADS_CHAT_ID !== undefined) return deps.config.LEADS_CHAT_ID;
  return (await boundTeamChat(deps))?.chatId;
}

/** TEAM_CHAT_DETAILS when set, else the owner's /settings choice, else short cards. */
export async function teamChatDetails(deps: Pick<AppDeps, 'db' | 'config'>): Promise<TeamChatDetails> {
  return deps.config.TEAM_CHAT_DETAILS ?? (await teamChatDetailsSetting(deps)) ?? 'short';
}

export interface TeamCardRender {
  text: string;
  keyboard: ReturnType<typeof takeKeyboard>;
}

/**
 * A team-chat card for these leads as they are now, in the team's language: a single lead's card,
 * or a list with a Take button per waiting lead.
 */
export async function renderTeamCard(
  deps: AppDeps,
  card: { kind: TeamChatCardKind; leadIds: string[]; header?: string; title?: string },
  loaded?: TeamCardLead[],
): Promise<TeamCardRender | null> {
  const leads = loaded ?? (await teamCardLeads(deps, card.leadIds));
  if (leads.length === 0) return null;
  const t = messages(deps.config.DEFAULT_LANGUAGE);
  const now = deps.now();
  const details = await teamChatDetails(deps);
  if (card.kind === 'single') {
    const lead = leads[0]!;
    return { text: singleCardText(lead, { t, now, details, header: card.header ?? t.notify.newLead }), keyboard: takeKeyboard([lead], t, now, false) };
  }
  return { text: listCardText(leads, { t, now, details, ...(card.title ? { title: card.title } : {}) }), keyboard: takeKeyboard(leads, t, now, true) };
}

/** The outbox message of a team-chat card, marked so delivery can merge a burst and remember the card. */
export function teamCardMessage(chatId: number, render: TeamCardRender, card: { kind: TeamChatCardKind; leadIds: string[] }): OutboxMessage {
  return {
    chatId,
    text: render.text,
    parseMode: 'HTML',
    linkPreview: { is_disabled: true },
    ...(render.keyboard ? { replyMarkup: { inline_keyboard: render.keyboard.inline_keyboard } } : {}),
    teamCard: card,
  };
}

/**
 * Takes a deactivated member out of the team chat: ban (removes them), then unban, so the owner
 * can invite them back one day. Only an admin bot can; otherwise the owner is told to do it.
 */
export async function removeFromTeamChat(
  api: Api,
  deps: Pick<AppDeps, 'db' | 'config'>,
  telegramId: number,
): Promise<'removed' | 'by_hand' | 'no_chat'> {
  const chatId = await teamChatId(deps);
  if (chatId === undefined) return 'no_chat';
  const state = await teamChatState(deps);
  // Telegram told us (my_chat_member) that the bot may not remove anyone there: do not try.
  if (state?.chatId === chatId && (!state.admin || state.status !== 'ok')) return 'by_hand';
  try {
    await api.banChatMember(chatId, telegramId);
    await api.unbanChatMember(chatId, telegramId, { only_if_banned: true });
    return 'removed';
  } catch (e) {
    if (e instanceof GrammyError && (e.error_code === 400 || e.error_code === 403)) return 'by_hand';
    throw e;
  }
}
