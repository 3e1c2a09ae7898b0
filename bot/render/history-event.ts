import type { HistoryRow } from '../../src/core/shared/timeline-page.js';
import { lookup, type Messages } from '../i18n.js';
import { actorName } from './actor-name.js';

/**
 * The short name of a timeline event in the reader's language: "deal created", "stage changed".
 * The dictionaries are typed by HISTORY_ACTIONS, so every action the core writes has words here.
 */
export function historyLabel(row: Pick<HistoryRow, 'action' | 'entityType'>, t: Messages): string {
  if (row.action === 'created') return t.history.createdOf[row.entityType];
  return t.history.actions[row.action];
}

/** The event with its detail where one helps: "call: No answer", "stage changed: Proposal → Negotiation". */
export function describeEvent(
  row: Pick<HistoryRow, 'action' | 'entityType' | 'changes'> & Partial<Pick<HistoryRow, 'actorKind' | 'actorId' | 'actorLabel'>>,
  t: Messages,
): string {
  const c = (row.changes ?? {}) as Record<string, unknown>;
  const h = t.history;
  const label = historyLabel(row, t);
  const pair = (key: string) => (c[key] as unknown[] | undefined) ?? [];
  const withDetail = (detail: unknown) => (detail === undefined || detail === null || detail === '' ? label : h.detail({ label, detail: String(detail) }));
  switch (row.action) {
    case 'created': {
      if (row.entityType !== 'lead' || !c.channel) return label;
      // "форма на сайте: лид создан", not "...: лид создан (Форма на сайте)": the source already named the channel.
      const channel = lookup(t.channels, String(c.channel));
      const by = row.actorKind && row.actorLabel !== undefined ? actorName({ actorKind: row.actorKind, actorId: row.actorId ?? null, actorLabel: row.actorLabel }, t) : '';
      return by.toLowerCase() === channel.toLowerCase() ? label : `${label} (${channel})`;
    }
    case 'assigned':
      return pair('assignee')[1] ? h.assigned({ name: String(pair('assignee')[1]) }) : label;
    case 'call_logged': {
      const line = h.call_logged({ outcome: lookup(t.outcomes, String(c.outcome)) });
      return c.note ? `${line}. ${String(c.note)}` : line;
    }
    case 'status_changed': {
      const [from, to] = pair('status');
      return h.status_changed({ from: lookup(t.statuses, String(from)), to: lookup(t.statuses, String(to)) });
    }
    case 'junked':
      return h.junked({ reason: lookup(t.junkReasons, String(c.junkReason)) });
    case 'note':
      return h.note({ text: String(c.text ?? '') });
    case 'stage_changed': {
      const [from, to] = pair('stage');
      return withDetail(`${lookup(t.dealStages, String(from))} → ${lookup(t.dealStages, String(to))}`);
    }
    case 'lost': {
      const reason = pair('lostReason')[1];
      return withDetail(reason ? lookup(t.lostReasons, String(reason)) : null);
    }
    case 'lost_note':
      return withDetail(pair('lostNote')[1]);
    case 'item_added':
    case 'item_changed':
    case 'item_removed':
      return withDetail(c.name);
    case 'role_changed': {
      const to = pair('role')[1];
      return withDetail(to ? lookup(t.roles, String(to)) : null);
    }
    case 'language_changed': {
      // A deal keeps [from, to]; a member's own choice keeps the new language alone.
      const name = (code: unknown) => lookup(t.deal.languages, String(code));
      const value = c.language;
      return withDetail(Array.isArray(value) ? `${name(value[0])} → ${name(value[1])}` : value ? name(value) : null);
    }
    case 'time_zone_changed':
      return withDetail(pair('timeZone')[1]);
    case 'client_message':
    case 'client_reply': {
      const words = messageText(c, t);
      return words.text ? t.clientHistory[row.action](words) : label;
    }
    case 'client_started':
    case 'client_blocked':
      return t.clientHistory[row.action];
    case 'client_phone':
    case 'client_linked':
      return c.phone ? t.clientHistory[row.action]({ phone: String(c.phone) }) : label;
    case 'merged_into':
    case 'merged_from':
      return c.number ? t.clientHistory[row.action]({ number: Number(c.number) }) : label;
    default:
      return label;
  }
}

/** A client message's line: the words, with what kind of file came along ("🖼 photo: caption"). */
function messageText(c: Record<string, unknown>, t: Messages): { text: string } {
  const kind = lookup(t.clients.kinds, String(c.kind ?? 'text'), '');
  const text = String(c.text ?? '');
  return { text: kind && text ? `${kind}: ${text}` : kind || text };
}
