import { InlineKeyboard } from 'grammy';
import type { LeadView } from '../../src/core/leads/get-lead-view.js';
import { cb } from '../callback-data.js';
import { dcb } from '../deal-callback-data.js';
import { escapeHtml, formatDateTime, lookup, type Messages } from '../i18n.js';
import { historyLine } from './history-line.js';
import { formatPhone } from '../../src/core/shared/phone.js';

export interface CardOptions {
  t: Messages;
  timeZone: string;
  now: Date;
  /** The team chat shows the Take button only; the work itself happens in private chats. */
  audience: 'private' | 'group';
  /** A line above the card: "New lead", "The client asked again", a result of the last tap. */
  header?: string;
  footer?: string;
}

/**
 * The lead card, the same wherever it appears. The phone is plain text grouped as its country writes
 * it (+7 999 123-45-67): Telegram still makes it tappable to call, while a tel: link is not allowed on inline buttons.
 */
export function leadCardText(view: LeadView, o: CardOptions): string {
  const { lead } = view;
  const { t } = o;
  const lines: string[] = [];
  if (o.header) lines.push(`<b>${escapeHtml(o.header)}</b>`);
  lines.push(`<b>${t.card.title({ number: lead.number })}</b> · ${lookup(t.statuses, lead.status)}`);
  lines.push(`👤 ${escapeHtml(lead.name ?? t.card.noName)}`);
  if (lead.phone) lines.push(`📞 ${escapeHtml(formatPhone(lead.phone))}${lead.phoneExt ? ` ${escapeHtml(t.card.ext({ ext: lead.phoneExt }))}` : ''}`);
  else if (lead.phoneRaw) lines.push(`📞 ${escapeHtml(lead.phoneRaw)}`);
  if (lead.email) lines.push(`✉️ ${escapeHtml(lead.email)}`);
  if (lead.companyName) lines.push(`🏢 ${escapeHtml(lead.companyName)}`);
  const utm = [lead.utmSource, lead.utmMedium, lead.utmCampaign].filter(Boolean).join(' / ');
  lines.push(`📥 ${lookup(t.channels, lead.channel)}${utm ? ` · utm: ${escapeHtml(utm)}` : ''}`);
  if (lead.repeatCount > 0) lines.push(`🔁 ${t.card.repeats({ count: lead.repeatCount })}`);
  if (lead.comment) lines.push(`💬 ${escapeHtml(lead.comment.slice(0, 500))}`);
  lines.push(`👨‍💼 ${view.assignee ? escapeHtml(view.assignee.name) : t.card.pool}`);
  if (lead.status !== 'junk' && lead.status !== 'converted') lines.push(nextLine(view, o));
  if (o.audience === 'private' && view.recent.length > 0) {
    lines.push('');
    for (const row of [...view.recent].reverse()) lines.push(`<i>${historyLine(row, t, o.timeZone, o.now)}</i>`);
  }
  if (o.footer) lines.push('', escapeHtml(o.footer));
  return lines.join('\n');
}

function nextLine(view: LeadView, o: CardOptions): string {
  const { t } = o;
  if (!view.next) return `⏰ ${t.card.next}: <b>${t.card.noNext}</b>`;
  const overdue = view.next.dueAt.getTime() < o.now.getTime();
  const what = lookup(t.subjects, view.next.subject, view.next.subject);
  const when = formatDateTime(view.next.dueAt, t, o.timeZone, o.now);
  return `⏰ ${t.card.next}: ${lookup(t.kinds, view.next.kind)} (${escapeHtml(what)}) ${when}${overdue ? ` ⚠️ ${t.card.overdue}` : ''}`;
}

/** Buttons for the actions the core allows this reader, nothing else. */
export function leadCardKeyboard(view: LeadView, o: Pick<CardOptions, 't' | 'audience'>): InlineKeyboard | undefined {
  const { t } = o;
  const id = view.lead.id;
  const actions = o.audience === 'group' ? view.actions.filter((a) => a === 'take') : view.actions;
  if (actions.length === 0) return undefined;
  const kb = new InlineKeyboard();
  if (actions.includes('take')) kb.text(t.buttons.take, cb.take(id)).row();
  if (actions.includes('log_call')) kb.text(t.buttons.call, cb.call(id));
  if (actions.includes('status')) kb.text(t.buttons.status, cb.status(id));
  if (actions.includes('log_call') || actions.includes('status')) kb.row();
  if (actions.includes('note')) kb.text(t.buttons.note, cb.note(id));
  if (actions.includes('history')) kb.text(t.buttons.history, cb.history(id, 0));
  if (actions.includes('junk')) kb.text(t.buttons.junk, cb.junk(id));
  if (actions.includes('status')) kb.row().text(t.dealButtons.convert, dcb.convert(id));
  return kb;
}

/** Text and buttons together, with the send options every card uses. */
export function leadCardMessage(view: LeadView, o: CardOptions, keyboard?: InlineKeyboard) {
  const reply_markup = keyboard ?? leadCardKeyboard(view, o);
  return {
    text: leadCardText(view, o),
    options: { parse_mode: 'HTML' as const, link_preview_options: { is_disabled: true }, ...(reply_markup ? { reply_markup } : {}) },
  };
}
