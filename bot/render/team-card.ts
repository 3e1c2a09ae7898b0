import { InlineKeyboard } from 'grammy';
import type { TeamCardLead } from '../../src/core/leads/list-pool.js';
import { cb } from '../callback-data.js';
import { escapeHtml, lookup, type Messages } from '../i18n.js';

/** How much the team chat sees of a lead: `short` (default) keeps contacts for the taker's private card. */
export type TeamChatDetails = 'short' | 'full';

/** A list card carries at most this many leads: ten Take buttons stay readable on a phone. */
export const LIST_CARD_MAX = 10;

const EMAIL = /[^\s@<>()[\]"',;:]+@[^\s@<>()[\]"',;:]+\.[^\s@<>()[\]"',;:]+/g;
/** Five or more digits, with the separators people type in phone numbers between them. */
const DIGIT_RUN = /\+?\d(?:[\s().-]{0,3}\d){4,}/g;

/** Hides what could reach a client behind the team's back: emails and phone-like digit runs. */
export function maskContacts(text: string): string {
  return text.replace(EMAIL, '•••@•••').replace(DIGIT_RUN, '•••');
}

/** A one-line excerpt of the request, masked, cut to `max` characters. */
export function excerpt(comment: string | null, max = 80): string | null {
  if (!comment) return null;
  const flat = maskContacts(comment.replace(/\s+/g, ' ').trim());
  if (!flat) return null;
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

const firstName = (name: string | null, t: Messages) => maskContacts((name ?? '').trim().split(/\s+/)[0] || t.card.noName);
const minutesBetween = (from: Date, to: Date) => Math.max(0, Math.round((to.getTime() - from.getTime()) / 60_000));
const isClosed = (l: TeamCardLead) => l.status === 'junk' || l.status === 'converted';

/** "Site form · google": the channel and where it came from, when known. */
function origin(l: TeamCardLead, t: Messages): string {
  const source = l.utmSource ?? l.source;
  return `${lookup(t.channels, l.channel)}${source ? ` · ${maskContacts(source)}` : ''}`;
}

/** The lead's state as one line once it is no longer waiting: taken (by whom, how fast) or closed. */
function settledLine(l: TeamCardLead, t: Messages, now: Date): string | null {
  if (l.assigneeId) {
    const minutes = minutesBetween(l.createdAt, l.firstTouchedAt ?? now);
    return `✅ ${escapeHtml(t.teamChat.takenBy({ number: l.number, name: l.assigneeName ?? '?', minutes }))}`;
  }
  if (isClosed(l)) return `▫️ ${escapeHtml(t.teamChat.closed({ number: l.number }))}`;
  return null;
}

function contactLines(l: TeamCardLead): string[] {
  const lines: string[] = [];
  if (l.phone ?? l.phoneRaw) lines.push(`📞 ${escapeHtml(l.phone ?? l.phoneRaw ?? '')}`);
  if (l.email) lines.push(`✉️ ${escapeHtml(l.email)}`);
  return lines;
}

/** One waiting lead's card for the team chat: what a colleague needs to choose, no more. */
export function singleCardText(l: TeamCardLead, o: { t: Messages; now: Date; details: TeamChatDetails; header: string }): string {
  const { t } = o;
  const settled = settledLine(l, t, o.now);
  if (settled && o.details === 'short') return settled;
  const full = o.details === 'full';
  const name = full ? escapeHtml(l.name ?? t.card.noName) : escapeHtml(firstName(l.name, t));
  const lines = [`<b>${escapeHtml(o.header)}</b>`, `<b>${t.card.title({ number: l.number })}</b> · ${name}`];
  if (full) lines.push(...contactLines(l));
  lines.push(`📥 ${escapeHtml(origin(l, t))}`);
  const request = full ? (l.comment ? l.comment.slice(0, 500) : null) : excerpt(l.comment);
  if (request) lines.push(`💬 ${escapeHtml(request)}`);
  lines.push(settled ?? `⏳ ${t.teamChat.waited({ minutes: minutesBetween(l.createdAt, o.now) })}`);
  return lines.join('\n');
}

/** Several leads in one message, a Take button each: a burst costs one group message, not one per lead. */
export function listCardText(leads: TeamCardLead[], o: { t: Messages; now: Date; details: TeamChatDetails; title?: string }): string {
  const { t } = o;
  const waiting = leads.filter((l) => settledLine(l, t, o.now) === null).length;
  const lines = [`<b>${escapeHtml(o.title ?? t.teamChat.listTitle({ count: waiting }))}</b>`];
  for (const l of leads) {
    const settled = settledLine(l, t, o.now);
    if (settled) {
      lines.push('', settled);
      continue;
    }
    const full = o.details === 'full';
    const name = full ? (l.name ?? t.card.noName) : firstName(l.name, t);
    lines.push('', `<b>#${l.number}</b> ${escapeHtml(name)} · ${escapeHtml(origin(l, t))} · ${t.teamChat.waited({ minutes: minutesBetween(l.createdAt, o.now) })}`);
    if (full) lines.push(...contactLines(l));
    const request = full ? (l.comment ? l.comment.slice(0, 200) : null) : excerpt(l.comment, 60);
    if (request) lines.push(`<i>${escapeHtml(request)}</i>`);
  }
  return lines.join('\n');
}

/** A Take button for every lead still waiting; none once all are taken or closed. */
export function takeKeyboard(leads: TeamCardLead[], t: Messages, now: Date, labelled: boolean): InlineKeyboard | undefined {
  const open = leads.filter((l) => settledLine(l, t, now) === null);
  if (open.length === 0) return undefined;
  const kb = new InlineKeyboard();
  open.forEach((l, i) => {
    if (i > 0) kb.row();
    kb.text(labelled ? t.teamChat.takeNumber({ number: l.number }) : t.buttons.take, cb.take(l.id));
  });
  return kb;
}
