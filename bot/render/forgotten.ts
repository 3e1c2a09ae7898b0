import type { ForgottenDigest, ForgottenSummary } from '../../src/core/activities/find-forgotten.js';
import { escapeHtml, type Messages } from '../i18n.js';
import { agendaLine } from './agenda-line.js';

/** Lists stay readable in one message; the rest is counted, and /leads has them all. */
const MAX_LINES = 20;

export type DigestPayload = ForgottenDigest & { date: string; timeZone: string };
export type SummaryPayload = Omit<ForgottenSummary, 'perMember'> & {
  date: string;
  timeZone: string;
  perMember: (ForgottenSummary['perMember'][number] & { name: string | null })[];
};

/** To an assignee: their records with no next step and their activities late by over a day. */
export function renderForgottenDigest(p: DigestPayload, t: Messages, now: Date): { text: string } {
  const lines = [`<b>${t.forgotten.digestTitle}</b>`];
  if (p.noNextActivity.length) {
    lines.push('', t.forgotten.noNext);
    for (const r of p.noNextActivity.slice(0, MAX_LINES)) {
      const ref = r.type === 'lead' ? t.agenda.lead({ number: r.number, name: r.name ?? '' }) : t.agenda.deal({ number: r.number, title: r.name ?? '' });
      lines.push(`• ${escapeHtml(ref)}`);
    }
    if (p.noNextActivity.length > MAX_LINES) lines.push(t.agenda.more({ count: p.noNextActivity.length - MAX_LINES }));
  }
  if (p.longOverdue.length) {
    lines.push('', t.forgotten.longOverdue);
    for (const a of p.longOverdue.slice(0, MAX_LINES)) lines.push(`• ${agendaLine(a, t, p.timeZone, now)}`);
    if (p.longOverdue.length > MAX_LINES) lines.push(t.agenda.more({ count: p.longOverdue.length - MAX_LINES }));
  }
  return { text: lines.join('\n') };
}

/** To heads and the owner (daily, and on /audit): counts per manager, the unassigned, the untaken pool. */
export function renderForgottenSummary(p: SummaryPayload, t: Messages): { text: string } {
  const lines = [`<b>${escapeHtml(t.forgotten.summaryTitle({ date: p.date }))}</b>`];
  const empty = p.perMember.length === 0 && p.unassignedNoNextActivity === 0 && p.untakenPool.length === 0;
  if (empty) return { text: `${lines[0]}\n\n${t.forgotten.clean}` };
  lines.push('');
  const sorted = [...p.perMember].sort((a, b) => b.noNextActivity + b.longOverdue - (a.noNextActivity + a.longOverdue));
  for (const m of sorted.slice(0, MAX_LINES)) {
    lines.push(escapeHtml(t.forgotten.memberLine({ name: m.name ?? '?', noNext: m.noNextActivity, overdue: m.longOverdue })));
  }
  if (p.unassignedNoNextActivity) lines.push(t.forgotten.unassigned({ count: p.unassignedNoNextActivity }));
  if (p.untakenPool.length) {
    lines.push('', t.forgotten.pool({ count: p.untakenPool.length }));
    for (const l of p.untakenPool.slice(0, 10)) lines.push(`• ${escapeHtml(t.agenda.lead({ number: l.number, name: l.name ?? '' }))}`);
  }
  return { text: lines.join('\n') };
}

export interface PoolPayload {
  leadId: string;
  number: number;
  name: string | null;
  waitedMinutes: number;
}

export function renderPoolAssigned(p: PoolPayload, t: Messages): { text: string } {
  return { text: escapeHtml(t.pool.assigned({ number: p.number, name: p.name ?? '', minutes: p.waitedMinutes })) };
}
