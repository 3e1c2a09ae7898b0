import { and, eq, isNull, sql } from 'drizzle-orm';
import type { User } from 'grammy/types';
import type { DbHandle } from '../../db/client.js';
import { activities, deals } from '../../db/schema/index.js';
import { messages, type Messages } from '../../bot/i18n.js';
import { systemActor, type Actor } from '../../src/core/shared/context.js';
import { convertLead } from '../../src/core/leads/convert-lead.js';
import { createLeadFromIntake } from '../../src/core/intake/create-lead-from-intake.js';
import { addDealItem } from '../../src/core/deals/deal-items.js';
import { memberActor } from '../../src/core/team/member-by-telegram.js';
import { addProduct } from '../../src/core/products/add-product.js';
import { takeLead } from '../../src/core/leads/take-lead.js';
import { dealBotWorld, type DealBotWorld } from '../helpers/deal-bot.js';
import { addMember } from '../helpers/members.js';
import { callbackUpdate, tgUser, type FakeMessage } from '../helpers/telegram.js';

export const t: Messages = messages('en');

/** The bot columns of the matrix: who presses, and whose record the press is about. */
export const BOT_COLS = ['stranger', 'deactivated', 'mgrOwn', 'mgrOther', 'mgrPool', 'head', 'owner'] as const;
export type BotCol = (typeof BOT_COLS)[number];

/** Columns whose actor must never see the target: anything of it in a reply is a leak. */
export const BLIND: readonly BotCol[] = ['stranger', 'deactivated', 'mgrOther'];

type Person = { user: User; id: string | null; actor: Actor | null };

/**
 * One CRM per column: its owner, a head, manager Anna (the actor of the manager columns), manager
 * Boris (whose records Anna must not touch), a deactivated Dan and a stranger. Everyone speaks
 * English so refusals can be matched against the locale. Each cell makes its own records.
 */
export interface PermWorld {
  w: DealBotWorld;
  col: BotCol;
  actor: Person;
  /** Who owns the cell's records in this column (null: the pool). */
  recordOwner: Person | null;
  people: Record<'owner' | 'head' | 'anna' | 'boris' | 'dan', Person>;
  stranger: User;
  productId: string;
  serial: number;
}

export async function permWorld(col: BotCol): Promise<PermWorld> {
  const w = await dealBotWorld();
  const person = async (tgId: number, name: string, role: 'owner' | 'head' | 'manager', active = true): Promise<Person> => {
    const row = await addMember(w.h.db, name, role, { telegramId: tgId, chatId: tgId, language: 'en', active });
    return { user: tgUser(tgId, name, 'en'), id: row.id, actor: memberActor(row) };
  };
  const people = {
    owner: await person(11, 'Olga', 'owner'),
    head: await person(12, 'Hanna', 'head'),
    anna: await person(13, 'Anna', 'manager'),
    boris: await person(14, 'Boris', 'manager'),
    dan: await person(15, 'Dan', 'manager', false),
  };
  const stranger = tgUser(66, 'Eve', 'en');
  const actorOf: Record<BotCol, Person> = {
    stranger: { user: stranger, id: null, actor: null },
    deactivated: people.dan,
    mgrOwn: people.anna,
    mgrOther: people.anna,
    mgrPool: people.anna,
    head: people.head,
    owner: people.owner,
  };
  const ownerOf: Record<BotCol, Person | null> = {
    stranger: people.boris,
    // Dan's own lead, left assigned as it was when he was switched off: even that is closed to him.
    deactivated: people.dan,
    mgrOwn: people.anna,
    mgrOther: people.boris,
    mgrPool: null,
    head: people.boris,
    owner: people.boris,
  };
  const { id: productId } = await addProduct(w.deps.core(systemActor), { name: 'Audit package', price: 1_000_000, unit: 'job' });
  return { w, col, actor: actorOf[col], recordOwner: ownerOf[col], people, stranger, productId, serial: 0 };
}

export interface LeadTarget {
  id: string;
  number: number;
  /** A word only this lead has (name, company): finding it in a reply shows the lead was seen. */
  token: string;
  phoneDigits: string;
  activityId: string;
}

export interface DealTarget extends LeadTarget {
  dealId: string;
  contactId: string;
  companyId: string;
}

let tokens = 0;

/** A lead from the site form, taken by the column's record owner (or left in the pool). */
export async function makeLead(pw: PermWorld): Promise<LeadTarget> {
  const n = ++tokens;
  const token = `Qx${n}zv${'abcdefgh'[n % 8]}`;
  const phoneDigits = `7916${String(10_000_000 + n).slice(1)}`;
  const core = pw.w.deps.core({ kind: 'webhook', id: 'form', label: 'site form' });
  const { lead } = await createLeadFromIntake(core, {
    channel: 'site_form',
    intakeSource: 'form',
    name: `${token} Client`,
    phone: `+${phoneDigits}`,
    companyName: `${token} Firm`,
  });
  if (pw.recordOwner?.actor) await takeLead(pw.w.deps.core(pw.recordOwner.actor), lead.id);
  const [activity] = await pw.w.h.db
    .select({ id: activities.id })
    .from(activities)
    .where(and(eq(activities.leadId, lead.id), isNull(activities.doneAt)));
  return { id: lead.id, number: lead.number, token, phoneDigits, activityId: activity!.id };
}

/** A lead converted by its owner (by the system for the pool, which leaves the deal unassigned), with one line item. */
export async function makeDeal(pw: PermWorld): Promise<DealTarget> {
  const lead = await makeLead(pw);
  const by = pw.recordOwner?.actor ?? systemActor;
  const converted = await convertLead(pw.w.deps.core(by), { leadId: lead.id });
  await addDealItem(pw.w.deps.core(systemActor), { dealId: converted.dealId, productId: pw.productId });
  const [deal] = await pw.w.h.db.select().from(deals).where(eq(deals.id, converted.dealId));
  const [activity] = await pw.w.h.db
    .select({ id: activities.id })
    .from(activities)
    .where(and(eq(activities.dealId, converted.dealId), isNull(activities.doneAt)));
  return { ...lead, dealId: deal!.id, contactId: converted.contactId, companyId: converted.companyId!, activityId: activity!.id };
}

/**
 * Presses a button with exactly this callback data, on a bot message in the presser's chat: what
 * the bot's keyboard sends, or what a modified client forges for an id it should not have.
 */
export async function press(pw: PermWorld, data: string): Promise<void> {
  const user = pw.actor.user;
  const message: FakeMessage = {
    message_id: 900_000 + ++pw.serial,
    chatId: user.id,
    text: 'a card',
    via: 'sendMessage',
    reply_markup: { inline_keyboard: [[{ text: 'button', callback_data: data }]] },
  };
  pw.w.api.messages.push(message);
  await pw.w.bot.handleUpdate(callbackUpdate(user, message, data));
}

export const say = (pw: PermWorld, text: string) => pw.w.send(pw.actor.user, text);

/** Presses a button that asks for typed input (a note, an amount, a price), then types it. */
export async function answer(pw: PermWorld, data: string, text: string): Promise<void> {
  await press(pw, data);
  await say(pw, text);
}

/**
 * Opens a record's card, then replies to it as the bot would have sent it, with one of the
 * record's buttons (which names the record): the reply is a note on that record.
 */
export async function replyToCard(pw: PermWorld, openCard: string, recordButton: string, text: string): Promise<void> {
  await press(pw, openCard);
  const card = { ...pw.w.api.last(pw.actor.user.id), reply_markup: { inline_keyboard: [[{ text: 'History', callback_data: recordButton }]] } };
  await pw.w.send(pw.actor.user, text, { replyTo: card });
}

/**
 * Every table but the bot's session store and the seen update ids (bookkeeping, not a change to the CRM),
 * and the dashboard's per-day counts: triggers derive them from leads and deals, whose own rows show the change.
 */
export async function snapshot(pw: PermWorld | { w: { h: Pick<DbHandle, 'client'> } }): Promise<Map<string, string>> {
  const { client } = pw.w.h;
  const tables = await client.execute(
    `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'leads_search%'
       AND name NOT LIKE 'dashboard%' AND name NOT IN ('bot_sessions', 'telegram_updates', '__drizzle_migrations') ORDER BY name`,
  );
  const out = new Map<string, string>();
  for (const row of tables.rows) {
    const name = String(row.name);
    const rows = await client.execute(`SELECT * FROM "${name}" ORDER BY rowid`);
    out.set(name, JSON.stringify(rows.rows, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)));
  }
  return out;
}

export function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...after.keys()].filter((k) => before.get(k) !== after.get(k));
}

/** A cell starts with no pending input left over from the previous one. */
export async function clearSessions(pw: PermWorld): Promise<void> {
  await pw.w.h.db.run(sql`DELETE FROM bot_sessions`);
}
