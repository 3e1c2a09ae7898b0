import type { AppDeps } from '../../src/app-deps.js';
import { assignRoundRobin } from '../../src/core/leads/assign-round-robin.js';
import { isCrmError } from '../../src/core/shared/errors.js';
import { getLeadView, type LeadView } from '../../src/core/leads/get-lead-view.js';
import { memberActor, memberById, type MemberRow } from '../../src/core/team/member-by-telegram.js';
import { messages } from '../i18n.js';
import { renderTeamCard, teamCardMessage, teamChatId } from '../team-chat.js';
import { leadCardMessage } from './lead-card.js';
import type { OutboxMessage, OutboxRenderer } from './outbox-renderer.js';

const botActor = { kind: 'system' as const, id: null, label: 'bot' };

/**
 * A new lead: to the team chat with a Take button, or (ASSIGNMENT=round_robin, or no team chat
 * configured) assigned to the next manager and sent to them. A lead someone already touched
 * (taken, or entered by hand with /new) needs no announcement.
 */
export const renderLeadCreated: OutboxRenderer = async ({ deps, row }) => {
  const view = await viewOf(deps, String(row.payload.leadId));
  if (!view || view.lead.firstTouchedAt !== null || isClosed(view)) return null;
  const t = messages(deps.config.DEFAULT_LANGUAGE);
  const teamChat = await teamChatId(deps);
  if (deps.config.ASSIGNMENT === 'team_chat' && teamChat !== undefined) {
    return view.lead.assigneeId ? null : teamCard(deps, view, teamChat, t.notify.newLead);
  }
  const member = await assignRoundRobin(deps.core({ ...botActor, label: 'round-robin' }), view.lead.id);
  if (member) return memberCard(deps, member, view.lead.id, 'newLead');
  return teamChat !== undefined ? teamCard(deps, view, teamChat, t.notify.newLead) : null;
};

/** The same person asked again: their manager hears it; a pool lead is re-announced to the team. */
export const renderLeadRepeat: OutboxRenderer = async ({ deps, row }) => {
  const view = await viewOf(deps, String(row.payload.leadId));
  if (!view || isClosed(view)) return null;
  const memberId = view.lead.assigneeId ?? row.memberId;
  const member = memberId ? await memberById(deps, memberId) : null;
  if (member?.active) return memberCard(deps, member, view.lead.id, 'repeat');
  const teamChat = await teamChatId(deps);
  const t = messages(deps.config.DEFAULT_LANGUAGE);
  return teamChat !== undefined ? teamCard(deps, view, teamChat, t.notify.repeat) : null;
};

async function viewOf(deps: AppDeps, leadId: string): Promise<LeadView | null> {
  try {
    return await getLeadView(deps.core(botActor), leadId);
  } catch (e) {
    if (isCrmError(e, 'NOT_FOUND')) return null;
    throw e;
  }
}

const isClosed = (view: LeadView) => view.lead.status === 'junk' || view.lead.status === 'converted';

/** The team chat's card: short (no contacts) unless the team chose full details; Take bound to this message. */
async function teamCard(deps: AppDeps, view: LeadView, chatId: number, header: string): Promise<OutboxMessage | null> {
  const card = { kind: 'single' as const, leadIds: [view.lead.id] };
  const render = await renderTeamCard(deps, { ...card, header });
  return render ? teamCardMessage(chatId, render, card) : null;
}

/** The card as the member sees it: their language, their time zone, their buttons. */
async function memberCard(deps: AppDeps, member: MemberRow, leadId: string, header: 'newLead' | 'repeat'): Promise<OutboxMessage> {
  const t = messages(member.language);
  const view = await getLeadView(deps.core(memberActor(member)), leadId);
  const card = leadCardMessage(view, { t, timeZone: member.timeZone, now: deps.now(), audience: 'private', header: t.notify[header] });
  return toMessage(member.chatId, card);
}

function toMessage(chatId: number, card: ReturnType<typeof leadCardMessage>): OutboxMessage {
  const markup = card.options.reply_markup;
  return {
    chatId,
    text: card.text,
    parseMode: 'HTML',
    linkPreview: { is_disabled: true },
    ...(markup ? { replyMarkup: { inline_keyboard: markup.inline_keyboard } } : {}),
  };
}
