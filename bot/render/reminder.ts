import { InlineKeyboard } from 'grammy';
import type { AgendaItem } from '../../src/core/activities/agenda.js';
import { acb } from '../activity-callback-data.js';
import { cb } from '../callback-data.js';
import { dcb } from '../deal-callback-data.js';
import type { Messages } from '../i18n.js';
import { agendaLine } from './agenda-line.js';

export type ReminderPayload = AgendaItem & { timeZone: string };

/** "⏰ In 15 min" over the activity line, with Done / Snooze 30 min / Reschedule (and the deal's or lead's card). */
export function renderReminder(p: ReminderPayload, t: Messages, now: Date): { text: string; keyboard: InlineKeyboard } {
  const minutes = Math.round((Date.parse(p.dueAt) - now.getTime()) / 60_000);
  const head = minutes > 0 ? t.reminder.soon({ minutes }) : minutes < 0 ? t.reminder.late({ minutes: -minutes }) : t.reminder.now;
  const keyboard = new InlineKeyboard()
    .text(t.activityButtons.done, acb.done(p.activityId))
    .text(t.activityButtons.snooze, acb.snooze(p.activityId))
    .row()
    .text(t.activityButtons.reschedule, acb.reschedule(p.activityId));
  if (p.deal) keyboard.text(t.activityButtons.card, dcb.deal(p.deal.id));
  else if (p.lead) keyboard.text(t.activityButtons.card, cb.card(p.lead.id));
  return { text: `<b>${head}</b>\n${agendaLine(p, t, p.timeZone, now)}`, keyboard };
}
