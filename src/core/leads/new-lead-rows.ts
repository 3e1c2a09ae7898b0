import { sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../../../db/client.js';
import { activities, history, leads } from '../../../db/schema/index.js';
import { D1_MAX_BOUND_PARAMS } from '../shared/bound-params.js';
import type { CoreContext } from '../shared/context.js';
import { newId } from '../shared/ids.js';
import { historyValues } from '../shared/records.js';

/** What opening a lead writes, whatever brought it: the lead (numbered on insert), its first-contact step, its "created" line. */
export interface NewLeadRows {
  lead: Omit<typeof leads.$inferInsert, 'number'> & { id: string };
  firstContact: typeof activities.$inferInsert;
  history: typeof history.$inferInsert;
}

export interface OpenedLead {
  /** The lead's own columns; its id, number and times come from here. */
  lead: Omit<typeof leads.$inferInsert, 'id' | 'number' | 'createdAt' | 'updatedAt'>;
  /** A call for a request that left a number; a task for a chat, where answering is the contact. */
  firstContact: { kind: 'call' | 'task'; assigneeId?: string | null };
  /** The "created" line's changes: where the lead came from. */
  changes: Record<string, unknown>;
}

/** The rows of a new lead, its first contact due within FIRST_CONTACT_MINUTES, all stamped `now`. */
export function newLeadRows(ctx: Pick<CoreContext, 'actor' | 'settings'>, opened: OpenedLead, now: Date, leadId = newId()): NewLeadRows {
  return {
    lead: { id: leadId, ...opened.lead, createdAt: now, updatedAt: now },
    firstContact: {
      id: newId(),
      kind: opened.firstContact.kind,
      subject: 'first_contact',
      dueAt: new Date(now.getTime() + ctx.settings.firstContactMinutes * 60_000),
      leadId,
      assigneeId: opened.firstContact.assigneeId,
      createdBy: ctx.actor.label,
      createdAt: now,
      updatedAt: now,
    },
    history: historyValues({ entityType: 'lead', entityId: leadId, action: 'created', actor: ctx.actor, at: now, changes: opened.changes }),
  };
}

/**
 * One new lead's three statements, the lead's first so a caller may add `.returning()` to it.
 * Its number is one past the highest, taken inside the insert so two writers cannot share it.
 */
export function insertNewLead(db: Db, rows: NewLeadRows) {
  return [
    db.insert(leads).values({ ...rows.lead, number: sql`(SELECT COALESCE(MAX(${leads.number}), 0) + 1 FROM ${leads})` }),
    db.insert(activities).values(rows.firstContact),
    db.insert(history).values(rows.history),
  ] as const;
}

/**
 * Many new leads in a few multi-row inserts (a bulk import's chunk). Each statement binds at most
 * D1's 100 values; its leads are numbered from the highest number at that statement on (SQLite
 * evaluates the uncorrelated MAX once per statement), so numbers stay consecutive.
 */
export function insertNewLeads(db: Db, rows: NewLeadRows[]): BatchItem<'sqlite'>[] {
  if (rows.length === 0) return [];
  const nextNumber = (k: number) => sql`(SELECT COALESCE(MAX(${leads.number}), 0) FROM ${leads}) + ${sql.raw(String(k + 1))}`;
  return [
    ...inGroups(
      rows.map((r) => r.lead),
      (group) => db.insert(leads).values(group.map((l, k) => ({ ...l, number: nextNumber(k) }))),
    ),
    ...inGroups(
      rows.map((r) => r.firstContact),
      (group) => db.insert(activities).values(group),
    ),
    ...inGroups(
      rows.map((r) => r.history),
      (group) => db.insert(history).values(group),
    ),
  ];
}

function inGroups<T extends object>(rows: T[], insert: (group: T[]) => BatchItem<'sqlite'>): BatchItem<'sqlite'>[] {
  const bound = Math.max(1, Object.values(rows[0]!).filter((v) => v !== undefined).length);
  const size = Math.max(1, Math.floor(D1_MAX_BOUND_PARAMS / bound));
  const statements: BatchItem<'sqlite'>[] = [];
  for (let i = 0; i < rows.length; i += size) statements.push(insert(rows.slice(i, i + size)));
  return statements;
}
