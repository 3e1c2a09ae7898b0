import { renderMorningListRow, renderReminderRow } from './agenda-renderers.js';
import { renderLeadCreated, renderLeadRepeat } from './lead-notifications.js';
import { renderWeeklyReportRow } from './report-renderer.js';
import { renderForgottenDigestRow, renderForgottenSummaryRow, renderPoolAssignedRow, renderPoolNudgeRow } from './sweep-renderers.js';
import type { OutboxRenderer } from './outbox-renderer.js';
import { renderTeamChatAlertRow } from './team-chat-alert.js';

/**
 * Outbox kinds and who renders them. A new kind (morning_list, reminder, report...) is a renderer
 * file in this folder and one line here; rows of a kind with no renderer wait, they are not dropped.
 */
export const outboxRenderers: Record<string, OutboxRenderer> = {
  lead_created: renderLeadCreated,
  lead_repeat: renderLeadRepeat,
  morning_list: renderMorningListRow,
  reminder: renderReminderRow,
  forgotten_digest: renderForgottenDigestRow,
  forgotten_summary: renderForgottenSummaryRow,
  pool_nudge: renderPoolNudgeRow,
  pool_assigned: renderPoolAssignedRow,
  weekly_report: renderWeeklyReportRow,
  team_chat_alert: renderTeamChatAlertRow,
};
