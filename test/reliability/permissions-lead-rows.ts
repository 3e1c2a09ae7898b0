import { eq } from 'drizzle-orm';
import { activities, deals, leads } from '../../db/schema/index.js';
import { acb } from '../../bot/activity-callback-data.js';
import { cb } from '../../bot/callback-data.js';
import { dcb } from '../../bot/deal-callback-data.js';
import { by, onLead, SEE, shows, type BotRow, type CellEnv } from './permissions-cell.js';
import { LEAD_TIMELINE_ROWS } from './permissions-timeline-rows.js';
import { press, say, t, type BotCol } from './permissions-world.js';

/** Work on an assigned lead: the pool is taken first (rule take_first). */
export const WORK: readonly BotCol[] = ['mgrOwn', 'head', 'owner'];
/** Any active member is served; what they get is scoped (the leak check watches the scope). */
export const MEMBERS: readonly BotCol[] = ['mgrOwn', 'mgrOther', 'mgrPool', 'head', 'owner'];

export const leadOf = async (c: CellEnv) => (await c.pw.w.h.db.select().from(leads).where(eq(leads.id, c.lead!.id)))[0]!;

const activityOf = async (c: CellEnv, id: string) => (await c.pw.w.h.db.select().from(activities).where(eq(activities.id, id)))[0]!;

/** The lead card's actions, each pressed with the data the card's keyboard (bot/render/lead-card.ts) carries. */
export const LEAD_ROWS: BotRow[] = [
  onLead({
    name: '/leads',
    allow: MEMBERS,
    run: (c) => say(c.pw, '/leads'),
    // Served, and one's own lead is on it; another's must not be (the leak check).
    effect: async (c, out) => out.texts.some((x) => x.startsWith('Your open leads') || x === t.leads.empty) && (c.pw.col !== 'mgrOwn' || shows(out, c.lead!.token)),
  }),
  onLead({
    name: '/find <name>',
    allow: SEE,
    visibility: true,
    run: (c) => say(c.pw, `/find ${c.lead!.token}`),
    effect: async (c, out) => shows(out, c.lead!.token),
  }),
  onLead({
    name: 'open lead card',
    allow: SEE,
    run: (c) => press(c.pw, cb.card(c.lead!.id)),
    effect: async (c, out) => shows(out, c.lead!.token),
  }),
  onLead({
    name: 'Take',
    // Own: "already yours"; a colleague's lead is theirs (for heads too); the pool is the point of Take.
    allow: ['mgrOwn', 'mgrPool'],
    run: (c) => press(c.pw, cb.take(c.lead!.id)),
    effect: async (c, out) => {
      const told = [t.take.taken({ number: c.lead!.number }), t.take.alreadyYours({ number: c.lead!.number })];
      return out.texts.some((x) => told.includes(x)) && (await leadOf(c)).assigneeId === c.pw.actor.id;
    },
  }),
  onLead({
    name: 'Log call (outcome + next step)',
    allow: WORK,
    run: (c) => press(c.pw, cb.callNext(c.lead!.id, 'no_answer', 'tomorrow10')),
    effect: async (c, _o, fresh) => by(c, fresh, c.lead!.id, 'call_logged'),
  }),
  onLead({
    name: 'change lead status',
    allow: WORK,
    run: (c) => press(c.pw, cb.setStatus(c.lead!.id, 'in_progress')),
    effect: async (c) => (await leadOf(c)).status === 'in_progress',
  }),
  onLead({
    name: 'Junk (reason)',
    allow: SEE,
    run: (c) => press(c.pw, cb.junkReason(c.lead!.id, 'spam')),
    effect: async (c) => (await leadOf(c)).status === 'junk',
  }),
  ...LEAD_TIMELINE_ROWS,
  onLead({
    name: 'Convert (Yes)',
    // The pool too: the core converts a pool lead to the member who converts it.
    allow: SEE,
    run: (c) => press(c.pw, dcb.convertYes(c.lead!.id)),
    effect: async (c) => (await c.pw.w.h.db.select().from(deals).where(eq(deals.leadId, c.lead!.id))).length === 1,
  }),
  onLead({
    name: 'reminder Done (+ next step)',
    allow: SEE,
    run: (c) => press(c.pw, acb.doneNext(c.lead!.activityId, 'tomorrow10')),
    effect: async (c) => (await activityOf(c, c.lead!.activityId)).doneAt !== null,
  }),
  onLead({
    name: 'reminder Snooze',
    allow: SEE,
    run: (c) => press(c.pw, acb.snooze(c.lead!.activityId)),
    effect: async (c, _o, fresh) => fresh.some((h) => h.action === 'activity_snoozed' && h.actorId === c.pw.actor.id),
  }),
  onLead({
    // A state no flow makes today (an emptied assignee slot on a taken lead): the lead decides, not the slot.
    name: 'Snooze: unassigned activity of the lead',
    allow: SEE,
    prepare: async (pw, lead) => {
      await pw.w.h.db.update(activities).set({ assigneeId: null }).where(eq(activities.id, lead!.activityId));
      return {};
    },
    run: (c) => press(c.pw, acb.snooze(c.lead!.activityId)),
    effect: async (c, _o, fresh) => fresh.some((h) => h.action === 'activity_snoozed' && h.actorId === c.pw.actor.id),
  }),
  onLead({
    name: 'reminder Reschedule',
    allow: SEE,
    run: (c) => press(c.pw, acb.reschedulePreset(c.lead!.activityId, '3d')),
    effect: async (c, _o, fresh) => fresh.some((h) => h.action === 'activity_rescheduled' && h.actorId === c.pw.actor.id),
  }),
];
