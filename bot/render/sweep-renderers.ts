import { InlineKeyboard } from 'grammy';
import { cb } from '../callback-data.js';
import { teamCardLeads } from '../../src/core/leads/list-pool.js';
import { escapeHtml, messages } from '../i18n.js';
import { renderTeamCard, teamCardMessage, teamChatId } from '../team-chat.js';
import { activeRecipient, htmlMessage } from './agenda-renderers.js';
import { renderForgottenDigest, renderForgottenSummary, renderPoolAssigned, type DigestPayload, type PoolPayload, type SummaryPayload } from './forgotten.js';
import type { OutboxRenderer } from './outbox-renderer.js';

export const renderForgottenDigestRow: OutboxRenderer = async ({ deps, row }) => {
  const member = await activeRecipient(deps, row.memberId);
  if (!member) return null;
  const { text } = renderForgottenDigest(row.payload as unknown as DigestPayload, messages(member.language), deps.now());
  return htmlMessage(row.chatId ?? member.chatId, text);
};

export const renderForgottenSummaryRow: OutboxRenderer = async ({ deps, row }) => {
  const member = await activeRecipient(deps, row.memberId);
  if (!member) return null;
  const { text } = renderForgottenSummary(row.payload as unknown as SummaryPayload, messages(member.language));
  return htmlMessage(row.chatId ?? member.chatId, text);
};

/**
 * The team chat hears, once per run, of the leads nobody took: one list card with a Take button
 * each (those still in the pool), the rest counted. Nothing when all were taken or closed meanwhile.
 */
export const renderPoolNudgeRow: OutboxRenderer = async ({ deps, row }) => {
  const payload = row.payload as { leadIds?: string[]; total?: number; leadId?: string };
  // Rows queued before summaries carried one lead each.
  const ids = payload.leadIds ?? (payload.leadId ? [payload.leadId] : []);
  const chatId = row.chatId ?? (await teamChatId(deps));
  if (chatId === undefined) return null;
  const waiting = (await teamCardLeads(deps, ids)).filter((l) => l.assigneeId === null && l.status !== 'junk' && l.status !== 'converted');
  if (waiting.length === 0) return null;
  const t = messages(deps.config.DEFAULT_LANGUAGE);
  const total = Math.max(payload.total ?? ids.length, ids.length) - (ids.length - waiting.length);
  const card = { kind: 'list' as const, leadIds: waiting.map((l) => l.id) };
  const render = await renderTeamCard(deps, { ...card, title: t.teamChat.poolNudgeTitle({ count: total }) }, waiting);
  if (!render) return null;
  const more = total - waiting.length;
  return teamCardMessage(chatId, more > 0 ? { ...render, text: `${render.text}\n\n${escapeHtml(t.teamChat.more({ count: more }))}` } : render, card);
};

/** Round-robin gave the lead to this manager: say so, with the card one tap away. */
export const renderPoolAssignedRow: OutboxRenderer = async ({ deps, row }) => {
  const payload = row.payload as unknown as PoolPayload;
  const member = await activeRecipient(deps, row.memberId);
  if (!member) return null;
  const t = messages(member.language);
  const keyboard = new InlineKeyboard().text(t.activityButtons.card, cb.card(payload.leadId));
  return htmlMessage(row.chatId ?? member.chatId, renderPoolAssigned(payload, t).text, keyboard);
};
