import { InlineKeyboard } from 'grammy';
import { systemActor } from '../../src/core/context.js';
import { isCrmError } from '../../src/core/errors.js';
import { getLeadView } from '../../src/core/get-lead-view.js';
import { cb } from '../callback-data.js';
import { messages } from '../i18n.js';
import { activeRecipient, htmlMessage } from './agenda-renderers.js';
import { renderForgottenDigest, renderForgottenSummary, renderPoolAssigned, renderPoolNudge, type DigestPayload, type PoolPayload, type SummaryPayload } from './forgotten.js';
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

/** The team chat hears of a lead nobody took, unless someone took or closed it meanwhile. */
export const renderPoolNudgeRow: OutboxRenderer = async ({ deps, row }) => {
  const payload = row.payload as unknown as PoolPayload;
  const chatId = row.chatId ?? deps.config.LEADS_CHAT_ID;
  if (chatId === undefined || !(await stillInPool(deps, payload.leadId))) return null;
  const t = messages(deps.config.DEFAULT_LANGUAGE);
  const keyboard = new InlineKeyboard().text(t.buttons.take, cb.take(payload.leadId));
  return htmlMessage(chatId, renderPoolNudge(payload, t).text, keyboard);
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

async function stillInPool(deps: Parameters<OutboxRenderer>[0]['deps'], leadId: string): Promise<boolean> {
  try {
    const { lead } = await getLeadView(deps.core(systemActor), leadId);
    return lead.assigneeId === null && lead.status !== 'junk' && lead.status !== 'converted';
  } catch (e) {
    if (isCrmError(e, 'NOT_FOUND')) return false;
    throw e;
  }
}
