import { renderLeadCreated, renderLeadRepeat } from './lead-notifications.js';
import type { OutboxRenderer } from './outbox-renderer.js';

/**
 * Outbox kinds and who renders them. A new kind (morning_list, reminder, report...) is a renderer
 * file in this folder and one line here; rows of a kind with no renderer wait, they are not dropped.
 */
export const outboxRenderers: Record<string, OutboxRenderer> = {
  lead_created: renderLeadCreated,
  lead_repeat: renderLeadRepeat,
};
