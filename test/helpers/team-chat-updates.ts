import type { ChatMember, Update, User } from 'grammy/types';
import { groupChat, testBotInfo } from './telegram.js';

let updateId = 900_000;
const member = (user: User, status: 'member' | 'left' | 'kicked'): ChatMember => ({ status, user }) as ChatMember;
const admin = (user: User, canRestrict: boolean): ChatMember =>
  ({
    status: 'administrator', user, can_be_edited: false, is_anonymous: false, can_manage_chat: true, can_delete_messages: true,
    can_manage_video_chats: false, can_restrict_members: canRestrict, can_promote_members: false, can_change_info: false,
    can_invite_users: true, can_post_stories: false, can_edit_stories: false, can_delete_stories: false,
  }) as ChatMember;
const restricted = (user: User): ChatMember => ({ status: 'restricted', user, is_member: true, can_send_messages: false, until_date: 0 }) as ChatMember;

export type BotStatus = 'member' | 'admin' | 'admin_no_ban' | 'left' | 'kicked' | 'muted';
function botMember(status: BotStatus): ChatMember {
  const bot = testBotInfo as unknown as User;
  if (status === 'admin') return admin(bot, true);
  if (status === 'admin_no_ban') return admin(bot, false);
  if (status === 'muted') return restricted(bot);
  return member(bot, status);
}

/** Telegram's my_chat_member: `by` changed the bot's status in a group from `from` to `to`. */
export function botStatusUpdate(chatId: number, by: User, from: BotStatus, to: BotStatus): Update {
  return {
    update_id: updateId++,
    my_chat_member: { chat: groupChat(chatId), from: by, date: 1, old_chat_member: botMember(from), new_chat_member: botMember(to) },
  } as Update;
}

/** Telegram's chat_member: `who` joined the group (by themselves, through a link). */
export function joinedUpdate(chatId: number, who: User): Update {
  return {
    update_id: updateId++,
    chat_member: { chat: groupChat(chatId), from: who, date: 1, old_chat_member: member(who, 'left'), new_chat_member: member(who, 'member') },
  } as Update;
}
