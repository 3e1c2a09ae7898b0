import { and, eq, isNull } from 'drizzle-orm';
import { activities, dealItems, deals } from '../../db/schema/index.js';
import { acb } from '../../bot/activity-callback-data.js';
import { dcb } from '../../bot/deal-callback-data.js';
import { by, onDeal, onLead, SEE, shows, type BotRow, type CellEnv } from './permissions-cell.js';
import { DEAL_TIMELINE_ROWS } from './permissions-timeline-rows.js';
import { answer, press, say } from './permissions-world.js';

const dealOf = async (c: CellEnv) => (await c.pw.w.h.db.select().from(deals).where(eq(deals.id, c.deal!.dealId)))[0]!;

/** The deal side: the deal card's buttons (bot/render/deal-card.ts) and the cards they lead to. */
export const DEAL_ROWS: BotRow[] = [
  onDeal({
    name: '/deals',
    // "My deals" for a manager: an unassigned deal is reachable from its contact, not listed.
    allow: ['mgrOwn', 'head', 'owner'],
    visibility: true,
    run: (c) => say(c.pw, '/deals'),
    effect: async (c, out) => shows(out, c.deal!.token),
  }),
  onDeal({
    name: 'open deal card',
    allow: SEE,
    run: (c) => press(c.pw, dcb.deal(c.deal!.dealId)),
    effect: async (c, out) => shows(out, c.deal!.token),
  }),
  onDeal({
    name: 'change deal stage',
    allow: SEE,
    run: (c) => press(c.pw, dcb.setStage(c.deal!.dealId, 'clarifying')),
    effect: async (c) => (await dealOf(c)).stage === 'clarifying',
  }),
  onDeal({
    name: 'Won (confirm)',
    allow: SEE,
    run: (c) => press(c.pw, dcb.wonYes(c.deal!.dealId)),
    effect: async (c) => (await dealOf(c)).stage === 'won',
  }),
  onDeal({
    name: 'Lost (reason)',
    allow: SEE,
    run: (c) => press(c.pw, dcb.lostReason(c.deal!.dealId, 'price')),
    effect: async (c) => (await dealOf(c)).stage === 'lost',
  }),
  onDeal({
    name: 'edit deal amount',
    allow: SEE,
    run: (c) => answer(c.pw, dcb.editField(c.deal!.dealId, 'amount'), '12345'),
    effect: async (c) => (await dealOf(c)).amount === 1_234_500,
  }),
  onDeal({
    name: 'add product item',
    allow: SEE,
    run: (c) => press(c.pw, dcb.addItem(c.deal!.dealId, c.pw.productId)),
    effect: async (c) => (await c.pw.w.h.db.select().from(dealItems).where(eq(dealItems.dealId, c.deal!.dealId))).length === 2,
  }),
  onDeal({
    name: 'make proposal (PDF)',
    allow: SEE,
    run: (c) => press(c.pw, dcb.proposal(c.deal!.dealId)),
    effect: async (c, out, fresh) => by(c, fresh, c.deal!.dealId, 'proposal_sent') && out.files.some((f) => f.name.endsWith('.pdf')),
  }),
  onDeal({
    name: 'proposal language (🌐)',
    allow: SEE,
    run: (c) => press(c.pw, dcb.language(c.deal!.dealId, 'en')),
    effect: async (c, _o, fresh) => (await dealOf(c)).language === 'en' && by(c, fresh, c.deal!.dealId, 'language_changed'),
  }),
  ...DEAL_TIMELINE_ROWS,
  onDeal({
    name: 'contact card',
    allow: SEE,
    run: (c) => press(c.pw, dcb.contact(c.deal!.contactId)),
    effect: async (c, out) => shows(out, c.deal!.token),
  }),
  onDeal({
    name: 'company card',
    allow: SEE,
    run: (c) => press(c.pw, dcb.company(c.deal!.companyId)),
    effect: async (c, out) => shows(out, c.deal!.token),
  }),
  onDeal({
    name: 'deal reminder Done (+ next)',
    allow: SEE,
    run: (c) => press(c.pw, acb.doneNext(c.deal!.activityId, 'tomorrow10')),
    // Done on the deal's timeline, and the deal keeps a dated next step (the house rule).
    effect: async (c, _o, fresh) =>
      by(c, fresh, c.deal!.dealId, 'activity_done') &&
      (await c.pw.w.h.db.select().from(activities).where(and(eq(activities.dealId, c.deal!.dealId), isNull(activities.doneAt)))).length === 1,
  }),
  onLead({
    name: '/export leads',
    // The product exports what the member may see (issue 4; src/core/csv/export-csv.ts).
    allow: SEE,
    visibility: true,
    run: (c) => say(c.pw, '/export leads'),
    effect: async (c, out) => out.files.some((f) => f.text.includes(c.lead!.token)),
  }),
  onDeal({
    name: '/export deals',
    allow: SEE,
    visibility: true,
    run: (c) => say(c.pw, '/export deals'),
    effect: async (c, out) => out.files.some((f) => f.text.includes(c.deal!.token)),
  }),
];
