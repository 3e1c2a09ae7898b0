import { InlineKeyboard } from 'grammy';
import type { MorningList } from '../../src/core/activities/agenda.js';
import { acb } from '../activity-callback-data.js';
import { cb } from '../callback-data.js';
import { escapeHtml, type Messages } from '../i18n.js';
import { agendaLine } from './agenda-line.js';

export type MorningListPayload = MorningList & { date: string; timeZone: string; poolCount: number };

/** Buttons for the first items only: a keyboard of dozens of rows buries the list itself. */
const MAX_BUTTON_ROWS = 10;

/**
 * The morning list: numbered lines, overdue first, then today; under it one row per item with
 * Done and Reschedule, numbered like the lines, so a tap acts on that activity right here.
 */
export function renderMorningList(p: MorningListPayload, t: Messages, now: Date): { text: string; keyboard: InlineKeyboard } {
  const lines = [`<b>${escapeHtml(t.agenda.morningTitle({ date: localDate(p.date, t) }))}</b>`];
  const items = [...p.overdue, ...p.today];
  let n = 0;
  const section = (title: string, list: typeof items) => {
    if (list.length === 0) return;
    lines.push('', `<b>${title}</b>`);
    for (const item of list) lines.push(`${++n}. ${agendaLine(item, t, p.timeZone, now)}`);
  };
  section(t.agenda.overdue, p.overdue);
  section(t.agenda.today, p.today);
  if (items.length === 0) lines.push('', t.agenda.nothingToday);
  if (p.more > 0) lines.push(t.agenda.more({ count: p.more }));
  if (p.poolCount > 0) lines.push('', t.agenda.pool({ count: p.poolCount }));

  const keyboard = new InlineKeyboard();
  items.slice(0, MAX_BUTTON_ROWS).forEach((item, i) => {
    keyboard
      .text(t.activityButtons.doneItem({ n: i + 1 }), acb.done(item.activityId))
      .text(t.activityButtons.rescheduleItem({ n: i + 1 }), acb.reschedule(item.activityId))
      .row();
  });
  // "N leads wait in the pool" opens the pool, each with a Take button.
  if (p.poolCount > 0) keyboard.text(t.teamChat.openPool, cb.poolOpen()).row();
  return { text: lines.join('\n'), keyboard };
}

/** "2026-11-27" as the reader writes dates. */
function localDate(date: string, t: Messages): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Intl.DateTimeFormat(t.locale, { day: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(y!, m! - 1, d!)));
}
