import { Composer } from 'grammy';
import { systemActor } from '../../src/core/shared/context.js';
import { businessConnectionOwner, saveBusinessConnection } from '../../src/core/clients/business-connection.js';
import { clientActor } from '../../src/core/clients/client-lead.js';
import { logBusinessReply } from '../../src/core/clients/log-business-reply.js';
import { receiveClientMessage } from '../../src/core/clients/receive-client-message.js';
import { memberActor, memberByTelegram } from '../../src/core/team/member-by-telegram.js';
import { chatMessageOf, personOf } from '../client-message.js';
import type { BotContext } from '../context.js';
import { messages } from '../i18n.js';

/**
 * Telegram Business: a manager connects the bot to their own account, and the bot sees their private
 * chats. New people who write there become the manager's leads; both sides are logged on the lead.
 * The bot never answers in those chats, and nothing here goes on to the other features.
 */
export const businessFeature = new Composer<BotContext>();

businessFeature.on('business_connection', async (ctx) => {
  const bc = ctx.update.business_connection!;
  const { deps } = ctx.crm;
  const change = await saveBusinessConnection(deps.core({ ...systemActor, label: 'Telegram Business' }), {
    id: bc.id,
    telegramUserId: bc.user.id,
    enabled: bc.is_enabled,
  });
  if (!change?.changed) return;
  const t = messages(change.member.language);
  await ctx.api.sendMessage(change.member.chatId, change.enabled ? t.clients.businessOn : t.clients.businessOff);
});

businessFeature.on('business_message', async (ctx) => {
  const m = ctx.update.business_message!;
  const { deps } = ctx.crm;
  if (!m.business_connection_id || !m.from) return;
  const owner = await businessConnectionOwner(deps, m.business_connection_id);
  const message = chatMessageOf(m);
  if (!owner || !message) return;
  if (m.from.id === owner.telegramId) {
    await logBusinessReply(deps.core(memberActor(owner)), m.chat.id, message);
    return;
  }
  // A colleague writing to the manager is not a client.
  if ((await memberByTelegram(deps, m.from.id))?.active) return;
  const person = personOf(m.from);
  await receiveClientMessage(deps.core(clientActor(person)), person, { kind: 'business', memberId: owner.id, memberLabel: owner.name }, message);
});

/** Edits and deletions in business chats: the timeline keeps what was said; nothing to answer. */
businessFeature.on(['edited_business_message', 'deleted_business_messages'], () => undefined);
