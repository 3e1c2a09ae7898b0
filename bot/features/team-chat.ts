import { Composer, InlineKeyboard } from 'grammy';
import type { ChatMember } from 'grammy/types';
import { bindTeamChat } from '../../src/core/team-chat/bind-team-chat.js';
import { memberByTelegram } from '../../src/core/team/member-by-telegram.js';
import { alertOwners, recordTeamChatState } from '../../src/core/team-chat/team-chat-state.js';
import { cb, pattern } from '../callback-data.js';
import type { BotContext } from '../context.js';
import { escapeHtml, messages } from '../i18n.js';
import { ack } from '../lead-reply.js';
import { teamChatId } from '../team-chat.js';

/**
 * The team chat's life, from Telegram's own updates (so this runs before the member gate: the one
 * who removes the bot, or a stranger who joins, is not a team member):
 * - the owner adds the bot to a group (or sends /bindchat there) and confirms: that group becomes
 *   the team chat, stored in the database (LEADS_CHAT_ID, when set, still overrides it);
 * - the bot removed from the team chat, or no longer allowed to post, is recorded (/health) and
 *   reported to the owner;
 * - someone joining the team chat who is not an active member is reported to the owner.
 */
export const teamChatFeature = new Composer<BotContext>();
const isGroup = (type: string | undefined) => type === 'group' || type === 'supergroup';
const present = (m: ChatMember) => m.status === 'member' || m.status === 'administrator' || m.status === 'creator' || (m.status === 'restricted' && m.is_member);
const canPost = (m: ChatMember) => m.status !== 'restricted' || m.can_send_messages;
const isOwner = (ctx: BotContext) => ctx.crm.member?.active === true && ctx.crm.member.role === 'owner';

teamChatFeature.on('my_chat_member', async (ctx) => {
  const update = ctx.myChatMember;
  if (!isGroup(update.chat.type)) return;
  const { deps } = ctx.crm;
  const chatId = update.chat.id;
  const now = update.new_chat_member;
  const wasIn = present(update.old_chat_member);
  if ((await teamChatId(deps)) === chatId) {
    const status = !present(now) ? 'removed' : canPost(now) ? 'ok' : 'cannot_post';
    const admin = now.status === 'administrator' && now.can_restrict_members;
    await recordTeamChatState(deps, { chatId, status, admin });
    return;
  }
  // Added to a new group by the owner: offer to make it the team chat.
  if (!wasIn && present(now) && isOwner(ctx)) await askToBind(ctx, chatId, update.chat.title ?? '');
});

teamChatFeature.on('chat_member', async (ctx) => {
  const update = ctx.chatMember;
  const joined = update.new_chat_member;
  if (joined.user.is_bot || present(update.old_chat_member) || !present(joined)) return;
  const { deps } = ctx.crm;
  if ((await teamChatId(deps)) !== update.chat.id) return;
  const member = await memberByTelegram(deps, joined.user.id);
  if (member?.active) return;
  const name = [joined.user.first_name, joined.user.last_name].filter(Boolean).join(' ') + (joined.user.username ? ` (@${joined.user.username})` : '');
  await alertOwners(deps, { event: 'stranger_joined', name, username: joined.user.username ?? null });
});

teamChatFeature.command('bindchat', async (ctx) => {
  if (!isGroup(ctx.chat.type) || !isOwner(ctx)) return;
  await askToBind(ctx, ctx.chat.id, 'title' in ctx.chat ? (ctx.chat.title ?? '') : '');
});

teamChatFeature.callbackQuery(pattern.bindChat, async (ctx) => {
  const { deps } = ctx.crm;
  const t = messages(deps.config.DEFAULT_LANGUAGE);
  const chat = ctx.callbackQuery.message?.chat;
  if (!chat || !isGroup(chat.type)) return;
  if (!isOwner(ctx)) {
    await ack(ctx, t.teamChat.bindOwnerOnly, { alert: true });
    return;
  }
  const title = 'title' in chat ? (chat.title ?? '') : '';
  await bindTeamChat(ctx.crm.core(), { chatId: chat.id, title });
  await recordTeamChatState(deps, { chatId: chat.id, status: 'ok', admin: false });
  const overridden = deps.config.LEADS_CHAT_ID !== undefined && deps.config.LEADS_CHAT_ID !== chat.id;
  const text = [t.teamChat.bindDone({ title }), ...(overridden ? [t.teamChat.bindOverridden] : [])].join('\n\n');
  await ctx.editMessageText(escapeHtml(text), { parse_mode: 'HTML' });
});

async function askToBind(ctx: BotContext, chatId: number, title: string): Promise<void> {
  const t = messages(ctx.crm.deps.config.DEFAULT_LANGUAGE);
  const kb = new InlineKeyboard().text(t.teamChat.bindConfirm, cb.bindChat());
  await ctx.api.sendMessage(chatId, t.teamChat.bindAsk({ title }), { reply_markup: kb });
}
