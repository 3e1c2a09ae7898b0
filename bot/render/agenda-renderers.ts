import type { InlineKeyboardButton } from 'grammy/types';
import type { AppDeps } from '../../src/app-deps.js';
import { reminderStillDue } from '../../src/core/activities/due-reminders.js';
import { memberById, type MemberRow } from '../../src/core/team/member-by-telegram.js';
import { messages } from '../i18n.js';
import { renderMorningList, type MorningListPayload } from './morning-list.js';
import type { OutboxMessage, OutboxRenderer } from './outbox-renderer.js';
import { renderReminder, type ReminderPayload } from './reminder.js';

/** The member a job message is for, if still active: someone deactivated since gets nothing. */
export async function activeRecipient(deps: AppDeps, memberId: string | null): Promise<MemberRow | null> {
  if (!memberId) return null;
  const member = await memberById(deps, memberId);
  return member?.active ? member : null;
}

export function htmlMessage(chatId: number, text: string, keyboard?: { inline_keyboard: InlineKeyboardButton[][] }): OutboxMessage {
  return {
    chatId,
    text,
    parseMode: 'HTML',
    linkPreview: { is_disabled: true },
    ...(keyboard && keyboard.inline_keyboard.length > 0 ? { replyMarkup: { inline_keyboard: keyboard.inline_keyboard } } : {}),
  };
}

/** The morning list in the member's language; times in the zone the job computed the day in. */
export const renderMorningListRow: OutboxRenderer = async ({ deps, row }) => {
  const member = await activeRecipient(deps, row.memberId);
  if (!member) return null;
  const { text, keyboard } = renderMorningList(row.payload as unknown as MorningListPayload, messages(member.language), deps.now());
  return htmlMessage(row.chatId ?? member.chatId, text, keyboard);
};

/** A reminder, unless the activity was done or moved while the message waited. */
export const renderReminderRow: OutboxRenderer = async ({ deps, row }) => {
  const payload = row.payload as unknown as ReminderPayload;
  const member = await activeRecipient(deps, row.memberId);
  if (!member || !(await reminderStillDue(deps, payload.activityId, payload.dueAt))) return null;
  const { text, keyboard } = renderReminder({ ...payload, timeZone: member.timeZone }, messages(member.language), deps.now());
  return htmlMessage(row.chatId ?? member.chatId, text, keyboard);
};
