import type { OutboxRow } from '../../src/core/telegram/outbox-queue.js';
import type { AcceptedMessage } from './fake-bot-server.js';

export interface OutageTally {
  /** Outbox rows that had something to send. */
  messages: number;
  /** Rows whose recorded Telegram message is among those the fake accepted. */
  delivered: number;
  /** Messages the fake accepted that no row owns (sent twice), by message id; and by chat + text. */
  duplicates: number;
  duplicateTexts: number;
  /** Rows not sent (pending or failed), or marked sent with a message the fake never saw. */
  lost: number;
  /** Deliveries that reached a chat after a message created later for that same chat. */
  outOfOrder: number;
  /** Rows settled with nothing to send (a lead someone took meanwhile): superseded, not lost. */
  skipped: number;
  byKind: Record<string, number>;
}

const key = (r: OutboxRow) => `${String(r.createdAt.getTime()).padStart(15, '0')}:${r.id}`;

/**
 * Compares the outbox (what the CRM meant to say) with what the fake Bot API accepted. The
 * expected order in a chat is the order its rows were created (created_at, then the time-ordered
 * id); a row's chat is the one recorded at send time, since a new lead's target is decided then.
 */
export function tallyOutage(rows: OutboxRow[], accepted: AcceptedMessage[]): OutageTally {
  const acceptedIds = new Set(accepted.map((m) => m.messageId));
  const rowByMessage = new Map<number, OutboxRow>();
  const t: OutageTally = { messages: 0, delivered: 0, duplicates: 0, duplicateTexts: 0, lost: 0, outOfOrder: 0, skipped: 0, byKind: {} };
  for (const r of rows) {
    if (r.status === 'sent' && r.telegramMessageId === null) {
      t.skipped++;
      continue;
    }
    t.messages++;
    t.byKind[r.kind] = (t.byKind[r.kind] ?? 0) + 1;
    if (r.status === 'sent' && r.telegramMessageId !== null && acceptedIds.has(r.telegramMessageId)) {
      t.delivered++;
      // A burst of team-chat cards leaves as one list card: several rows, one message, placed by its first row.
      const earlier = rowByMessage.get(r.telegramMessageId);
      if (!earlier || key(r) < key(earlier)) rowByMessage.set(r.telegramMessageId, r);
    } else {
      t.lost++;
    }
  }
  t.duplicates = accepted.length - rowByMessage.size;
  const seenTexts = new Set<string>();
  for (const m of accepted) {
    const text = `${m.chatId}\n${m.text}`;
    if (seenTexts.has(text)) t.duplicateTexts++;
    seenTexts.add(text);
  }
  const latest = new Map<number, string>();
  for (const m of [...accepted].sort((a, b) => a.messageId - b.messageId)) {
    const row = rowByMessage.get(m.messageId);
    if (!row) continue;
    const k = key(row);
    const before = latest.get(m.chatId);
    if (before !== undefined && k < before) t.outOfOrder++;
    else latest.set(m.chatId, k);
  }
  return t;
}
