import type { TeamChatAlert } from '../../src/core/team-chat/team-chat-state.js';
import { escapeHtml, messages } from '../i18n.js';
import { activeRecipient, htmlMessage } from './agenda-renderers.js';
import type { OutboxRenderer } from './outbox-renderer.js';

/** Something in the team chat the owner has to act on, in the owner's language. */
export const renderTeamChatAlertRow: OutboxRenderer = async ({ deps, row }) => {
  const owner = await activeRecipient(deps, row.memberId);
  if (!owner) return null;
  const t = messages(owner.language);
  const alert = row.payload as unknown as TeamChatAlert;
  const text =
    alert.event === 'stranger_joined'
      ? t.teamChat.alerts.stranger_joined({ name: alert.name })
      : alert.event === 'remove_by_hand'
        ? t.teamChat.alerts.remove_by_hand({ name: alert.name })
        : t.teamChat.alerts[alert.event];
  return htmlMessage(row.chatId ?? owner.chatId, escapeHtml(text));
};
