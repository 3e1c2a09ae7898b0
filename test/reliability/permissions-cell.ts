import { sql } from 'drizzle-orm';
import { messages } from '../../bot/i18n.js';
import type { HistoryRow } from '../../db/schema/index.js';
import {
  BLIND,
  changedTables,
  clearSessions,
  makeDeal,
  makeLead,
  snapshot,
  t,
  type BotCol,
  type DealTarget,
  type LeadTarget,
  type PermWorld,
} from './permissions-world.js';

/** What the presser saw: every text, caption, toast and button label, and the files the bot sent. */
export interface Output {
  texts: string[];
  methods: string[];
  files: { name: string; text: string }[];
}

export interface CellEnv {
  pw: PermWorld;
  lead: LeadTarget | null;
  deal: DealTarget | null;
  /** Whatever else a row set up (a product, a member to promote). */
  extra: Record<string, string>;
}

export interface BotRow {
  name: string;
  /** record: the manager columns differ by whose record it is; role: only the role matters (one manager cell). */
  scope: 'record' | 'role';
  needs: 'lead' | 'deal' | 'none';
  allow: readonly BotCol[];
  /** A list or export: refusing means the target is left out, not a sentence. */
  visibility?: boolean;
  prepare?(pw: PermWorld, target: LeadTarget | null): Promise<Record<string, string>>;
  run(c: CellEnv): Promise<void>;
  /** Did the action happen (or the target show)? `fresh` is the history written during the cell. */
  effect(c: CellEnv, out: Output, fresh: HistoryRow[]): Promise<boolean>;
}

/** A row about one lead or one deal: the manager columns differ by whose record it is. */
export const onLead = (row: Omit<BotRow, 'scope' | 'needs'>): BotRow => ({ scope: 'record', needs: 'lead', ...row });
export const onDeal = (row: Omit<BotRow, 'scope' | 'needs'>): BotRow => ({ scope: 'record', needs: 'deal', ...row });

/** Who may act on a record, by the product's rules: a manager their own records and the pool; heads and the owner everything. */
export const SEE: readonly BotCol[] = ['mgrOwn', 'mgrPool', 'head', 'owner'];

/** The presser wrote this history line on this record during the cell. */
export const by = (c: CellEnv, fresh: HistoryRow[], entityId: string, action: string) =>
  fresh.some((h) => h.entityId === entityId && h.action === action && h.actorId === c.pw.actor.id);

export const shows = (out: Output, token: string) => out.texts.some((x) => x.includes(token));

export type Observed = 'allow' | 'refuse' | `odd: ${string}`;

export interface CellResult {
  row: string;
  col: string;
  expected: boolean;
  observed: Observed;
  leak: string | null;
  ok: boolean;
}

const REFUSALS = [
  t.stranger,
  t.clients.neutral,
  t.inactive,
  t.strangerButton,
  t.errorForbidden,
  t.errorForbiddenAny,
  t.deal.forbidden,
  t.errorNotFound,
  t.rules.leadership_only,
  t.rules.take_first,
  t.products.ownerOnly,
  t.settings.ownerOnly,
  t.csv.leadershipOnly,
  t.forgotten.leadershipOnly,
  t.report.leadershipOnly,
  t.activity.forbidden,
  t.find.none,
  t.take.takenByOther({ name: 'Boris' }),
];
const VALIDATION_PREFIX = t.errorValidation({ message: '' }).trim();

export const isRefusal = (text: string) => REFUSALS.includes(text) || (VALIDATION_PREFIX.length > 0 && text.startsWith(VALIDATION_PREFIX));

export async function runBotCell(pw: PermWorld, row: BotRow): Promise<CellResult> {
  await clearSessions(pw);
  const lead = row.needs === 'lead' ? await makeLead(pw) : null;
  const deal = row.needs === 'deal' ? await makeDeal(pw) : null;
  const c: CellEnv = { pw, lead, deal, extra: (await row.prepare?.(pw, deal ?? lead)) ?? {} };
  const before = await snapshot(pw);
  const lastHistory = await maxHistoryRowid(pw);
  const calls = pw.w.api.calls.length;
  const uploads = pw.w.uploads.length;

  await row.run(c);

  const out = outputSince(pw, calls, uploads);
  const after = await snapshot(pw);
  // A stranger is a client: what they type opens their own conversation (their lead, their messages).
  // That is theirs, not an effect on the team's records, so it is left out of what changed.
  const own = pw.col === 'stranger' ? await clientOwnIds(pw) : [];
  const changed = changedTables(withoutRowsOf(before, own), withoutRowsOf(after, own));
  const fresh = await historySince(pw, lastHistory);
  const effect = await row.effect(c, out, fresh);
  // A client's plain words are relayed to the team as a client message and they are told nothing:
  // for the stranger, output that is only such relays is as much a refusal as the neutral sentence.
  const refused = out.texts.some(isRefusal) || (pw.col === 'stranger' && out.texts.length > 0 && out.texts.every(isClientRelay));
  const activeMember = pw.col !== 'stranger' && pw.col !== 'deactivated';
  let observed: Observed;
  if (effect && !refused) observed = 'allow';
  else if (!effect && changed.length === 0 && (refused || (row.visibility && activeMember && out.texts.length > 0))) observed = 'refuse';
  else if (changed.length > 0 && !effect) observed = `odd: changed ${changed.join(',')} without the effect${refused ? ' after a refusal' : ''}`;
  else if (effect && refused) observed = 'odd: refused yet took effect';
  else observed = out.texts.length === 0 ? 'odd: no answer at all' : `odd: no effect, no refusal (${out.texts[0]?.slice(0, 40)})`;

  const target = deal ?? lead;
  const leak = target && BLIND.includes(pw.col) ? leakIn(out, target) : null;
  const expected = row.allow.includes(pw.col);
  const ok = leak === null && (expected ? observed === 'allow' : observed === 'refuse');
  return { row: row.name, col: pw.col, expected, observed, leak, ok };
}

/** A relayed client message (the team chat's excerpt in its language, with its Take button), nothing more. */
const isClientRelay = (text: string) => /^(<b>)?💬 /.test(text) || text === t.buttons.take || text === messages('ru').buttons.take;

/** Ids of the stranger's own client conversation: their Telegram lead(s) and their client rows. */
async function clientOwnIds(pw: PermWorld): Promise<string[]> {
  const rows = await pw.w.h.client.execute(`SELECT id FROM leads WHERE channel = 'telegram'`);
  return [...rows.rows.map((r) => String(r.id)), `"client_telegram_id":${pw.stranger.id}`, `"telegram_id":${pw.stranger.id}`];
}

/** A snapshot without the rows that mention any of `ids` (a lead id, or a client column and value). */
function withoutRowsOf(snap: Map<string, string>, ids: string[]): Map<string, string> {
  if (ids.length === 0) return snap;
  const out = new Map<string, string>();
  for (const [table, json] of snap) {
    const rows = (JSON.parse(json) as unknown[]).filter((row) => {
      const text = JSON.stringify(row);
      return !ids.some((id) => text.includes(id));
    });
    out.set(table, JSON.stringify(rows));
  }
  return out;
}

function outputSince(pw: PermWorld, calls: number, uploads: number): Output {
  const texts: string[] = [];
  const methods: string[] = [];
  for (const call of pw.w.api.calls.slice(calls)) {
    methods.push(call.method);
    const p = call.payload;
    for (const v of [p.text, p.caption]) if (typeof v === 'string' && v) texts.push(v);
    for (const b of (p.reply_markup?.inline_keyboard ?? []).flat()) if (typeof b?.text === 'string') texts.push(b.text);
  }
  const files = pw.w.uploads.slice(uploads).map((u) => ({ name: u.fileName, text: /\.csv$/.test(u.fileName) ? new TextDecoder().decode(u.bytes) : '' }));
  return { texts, methods, files };
}

/** The target's name word or its phone anywhere the presser could read it. */
function leakIn(out: Output, target: LeadTarget): string | null {
  const all = [...out.texts, ...out.files.map((f) => f.text)].join('\n');
  if (all.includes(target.token)) return `saw ${target.token}`;
  if (all.replace(/[\s\-()+]/g, '').includes(target.phoneDigits.slice(-7))) return `saw phone ${target.phoneDigits}`;
  return null;
}

async function maxHistoryRowid(pw: PermWorld): Promise<number> {
  const [row] = await pw.w.h.db.all<{ n: number | null }>(sql`SELECT MAX(rowid) AS n FROM history`);
  return Number(row?.n ?? 0);
}

async function historySince(pw: PermWorld, rowid: number): Promise<HistoryRow[]> {
  const rows = await pw.w.h.client.execute({ sql: 'SELECT entity_type, entity_id, action, actor_id FROM history WHERE rowid > ?', args: [rowid] });
  return rows.rows.map((r) => ({ entityType: r.entity_type, entityId: r.entity_id, action: r.action, actorId: r.actor_id }) as unknown as HistoryRow);
}
