import { and, eq, isNull } from 'drizzle-orm';
import { activities, dealItems, deals } from '../../db/schema/index.js';
import { acb } from '../../bot/activity-callback-data.js';
import { dcb } from '../../bot/deal-callback-data.js';
import { by, SEE, shows, type BotRow, type CellEnv } from './permissions-cell.js';
import { answer, press, replyToCard, say } from './permissions-world.js';

const dealOf = async (c: CellEnv) => (await c.pw.w.h.db.select().from(deals).where(eq(deals.id, c.deal!.dealId)))[0]!;

/** The deal side: the deal card's buttons (bot/render/deal-card.ts) and the cards they lead to. */
export const DEAL_ROWS: BotRow[] = [
  {
    name: '/deals',
    scope: 'record',
    needs: 'deal',
    // "My deals" for a manager: an unassigned deal is reachable from its contact, not listed.
    allow: ['mgrOwn', 'head', 'owner'],
    visibility: true,
    run: (c) => say(c.pw, '/deals'),
    effect: async (c, out) => shows(out, c.deal!.token),
  },
  {
    name: 'open deal card',
    scope: 'record',
    needs: 'deal',
    allow: SEE,
    run: (c) => press(c.pw, dcb.deal(c.deal!.dealId)),
    effect: async (c, out) => shows(out, c.deal!.token),
  },
  {
    name: 'change deal stage',
    scope: 'record',
    needs: 'deal',
    allow: SEE,
    run: (c) => press(c.pw, dcb.setStage(c.deal!.dealId, 'clarifying')),
    effect: async (c) => (await dealOf(c)).stage === 'clarifying',
  },
  {
    name: 'Won (confirm)',
    scope: 'record',
    needs: 'deal',
    allow: SEE,
    run: (c) => press(c.pw, dcb.wonYes(c.deal!.dealId)),
    effect: async (c) => (await dealOf(c)).stage === 'won',
  },
  {
    name: 'Lost (reason)',
    scope: 'record',
    needs: 'deal',
    allow: SEE,
    run: (c) => press(c.pw, dcb.lostReason(c.deal!.dealId, 'price')),
    effect: async (c) => (await dealOf(c)).stage === 'lost',
  },
  {
    name: 'edit deal amount',
    scope: 'record',
    needs: 'deal',
    allow: SEE,
    run: (c) => answer(c.pw, dcb.editField(c.deal!.dealId, 'amount'), '12345'),
    effect: async (c) => (await dealOf(c)).amount === 1_234_500,
  },
  {
    name: 'add product item',
    scope: 'record',
    needs: 'deal',
    allow: SEE,
    run: (c) => press(c.pw, dcb.addItem(c.deal!.dealId, c.pw.productId)),
    effect: async (c) => (await c.pw.w.h.db.select().from(dealItems).where(eq(dealItems.dealId, c.deal!.dealId))).length === 2,
  },
  {
    name: 'make proposal (PDF)',
    scope: 'record',
    needs: 'deal',
    allow: SEE,
    run: (c) => press(c.pw, dcb.proposal(c.deal!.dealId)),
    effect: async (c, out, fresh) => by(c, fresh, c.deal!.dealId, 'proposal_sent') && out.files.some((f) => f.name.endsWith('.pdf')),
  },
  {
    name: 'proposal language (🌐)',
    scope: 'record',
    needs: 'deal',
    allow: SEE,
    run: (c) => press(c.pw, dcb.language(c.deal!.dealId, 'en')),
    effect: async (c, _o, fresh) => (await dealOf(c)).language === 'en' && by(c, fresh, c.deal!.dealId, 'language_changed'),
  },
  {
    name: 'deal note (Note + text)',
    scope: 'record',
    needs: 'deal',
    allow: SEE,
    run: (c) => answer(c.pw, dcb.note(c.deal!.dealId), 'They want the invoice split in two'),
    effect: async (c, _o, fresh) => by(c, fresh, c.deal!.dealId, 'note'),
  },
  {
    name: 'deal note by reply to a card',
    scope: 'record',
    needs: 'deal',
    allow: SEE,
    run: (c) => replyToCard(c.pw, dcb.deal(c.deal!.dealId), dcb.history(c.deal!.dealId, 0), 'Asked for a discount'),
    effect: async (c, _o, fresh) => by(c, fresh, c.deal!.dealId, 'note'),
  },
  {
    name: 'deal history',
    scope: 'record',
    needs: 'deal',
    allow: SEE,
    run: (c) => press(c.pw, dcb.history(c.deal!.dealId, 0)),
    effect: async (c, out) => {
      const { number } = await dealOf(c);
      return out.texts.some((x) => x.includes(`History of deal #${number} (`));
    },
  },
  {
    name: 'contact card',
    scope: 'record',
    needs: 'deal',
    allow: SEE,
    run: (c) => press(c.pw, dcb.contact(c.deal!.contactId)),
    effect: async (c, out) => shows(out, c.deal!.token),
  },
  {
    name: 'company card',
    scope: 'record',
    needs: 'deal',
    allow: SEE,
    run: (c) => press(c.pw, dcb.company(c.deal!.companyId)),
    effect: async (c, out) => shows(out, c.deal!.token),
  },
  {
    name: 'deal reminder Done (+ next)',
    scope: 'record',
    needs: 'deal',
    allow: SEE,
    run: (c) => press(c.pw, acb.doneNext(c.deal!.activityId, 'tomorrow10')),
    // Done on the deal's timeline, and the deal keeps a dated next step (the house rule).
    effect: async (c, _o, fresh) =>
      by(c, fresh, c.deal!.dealId, 'activity_done') &&
      (await c.pw.w.h.db.select().from(activities).where(and(eq(activities.dealId, c.deal!.dealId), isNull(activities.doneAt)))).length === 1,
  },
  {
    name: '/export leads',
    scope: 'record',
    needs: 'lead',
    // The product exports what the member may see (issue 4; src/core/csv/export-csv.ts).
    allow: SEE,
    visibility: true,
    run: (c) => say(c.pw, '/export leads'),
    effect: async (c, out) => out.files.some((f) => f.text.includes(c.lead!.token)),
  },
  {
    name: '/export deals',
    scope: 'record',
    needs: 'deal',
    allow: SEE,
    visibility: true,
    run: (c) => say(c.pw, '/export deals'),
    effect: async (c, out) => out.files.some((f) => f.text.includes(c.deal!.token)),
  },
];
