import { eq } from 'drizzle-orm';
import { deals } from '../../db/schema/index.js';
import { cb } from '../../bot/callback-data.js';
import { dcb } from '../../bot/deal-callback-data.js';
import { by, onDeal, onLead, SEE, type BotRow, type CellEnv } from './permissions-cell.js';
import { answer, press, replyToCard } from './permissions-world.js';

/** What the timeline rows need to know of a record: its id, its buttons and the number its history shows. */
interface TimelineRecord {
  needs: 'lead' | 'deal';
  /** Prefix of the row names ('' for the lead, whose rows came first). */
  label: string;
  id: (c: CellEnv) => string;
  card: (id: string) => string;
  note: (id: string) => string;
  history: (id: string, page: number) => string;
  historyTitle: (c: CellEnv) => Promise<string>;
  noteText: string;
}

const LEAD: TimelineRecord = {
  needs: 'lead',
  label: '',
  id: (c) => c.lead!.id,
  card: cb.card,
  note: cb.note,
  history: cb.history,
  historyTitle: async (c) => `History of lead #${c.lead!.number} (`,
  noteText: 'They want a quote by Friday',
};

const DEAL: TimelineRecord = {
  needs: 'deal',
  label: 'deal ',
  id: (c) => c.deal!.dealId,
  card: dcb.deal,
  note: dcb.note,
  history: dcb.history,
  historyTitle: async (c) => {
    const [deal] = await c.pw.w.h.db.select({ number: deals.number }).from(deals).where(eq(deals.id, c.deal!.dealId));
    return `History of deal #${deal!.number} (`;
  },
  noteText: 'They want the invoice split in two',
};

/** Notes and history work alike on a lead and a deal: whoever may see the record may add to and read its timeline. */
function timelineRows(r: TimelineRecord): BotRow[] {
  const row = r.needs === 'lead' ? onLead : onDeal;
  return [
    row({
      name: r.label ? `${r.label}note (Note + text)` : 'add note (Note + text)',
      allow: SEE,
      run: (c) => answer(c.pw, r.note(r.id(c)), r.noteText),
      effect: async (c, _o, fresh) => by(c, fresh, r.id(c), 'note'),
    }),
    row({
      name: `${r.label}note by reply to a card`,
      allow: SEE,
      run: (c) => replyToCard(c.pw, r.card(r.id(c)), r.history(r.id(c), 0), 'Asked for a discount'),
      effect: async (c, _o, fresh) => by(c, fresh, r.id(c), 'note'),
    }),
    row({
      name: `${r.label}history`,
      allow: SEE,
      run: (c) => press(c.pw, r.history(r.id(c), 0)),
      effect: async (c, out) => {
        const title = await r.historyTitle(c);
        return out.texts.some((x) => x.includes(title));
      },
    }),
  ];
}

export const LEAD_TIMELINE_ROWS = timelineRows(LEAD);
export const DEAL_TIMELINE_ROWS = timelineRows(DEAL);
