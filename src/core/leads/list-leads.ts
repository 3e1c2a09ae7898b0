import { and, count, eq, inArray, sql } from 'drizzle-orm';
import { OPEN_LEAD_STATUSES } from '../../../db/enums.js';
import { leads, type LeadRow } from '../../../db/schema/index.js';
import type { CoreContext } from '../shared/context.js';
import { requireMember } from './lead-access.js';

export interface LeadListItem {
  lead: Pick<LeadRow, 'id' | 'number' | 'name' | 'phone' | 'companyName' | 'status'>;
  nextDueAt: Date | null;
  overdue: boolean;
}

export interface LeadListPage {
  items: LeadListItem[];
  total: number;
  offset: number;
  limit: number;
}

/**
 * The actor's open leads by next activity, soonest first, so overdue ones lead the list;
 * a lead with no next step at all (the house rule broken by hand) comes before everything.
 */
export async function listMyLeads(ctx: CoreContext, page: { offset?: number; limit?: number } = {}): Promise<LeadListPage> {
  const actor = requireMember(ctx);
  const limit = Math.min(Math.max(page.limit ?? 10, 1), 50);
  const offset = Math.max(page.offset ?? 0, 0);
  const where = and(eq(leads.assigneeId, actor.id), inArray(leads.status, OPEN_LEAD_STATUSES));
  // Qualified by hand: drizzle drops table names in a one-table select, which would bind lead_id to the wrong id.
  // INDEXED BY: with ANALYZE statistics SQLite probes the (done_at, due_at) index over every open step per lead instead.
  const nextDue = sql<number | null>`(SELECT MIN(a.due_at) FROM activities a INDEXED BY activities_lead_open
    WHERE a.lead_id = leads.id AND a.done_at IS NULL)`;
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({
        id: leads.id,
        number: leads.number,
        name: leads.name,
        phone: leads.phone,
        companyName: leads.companyName,
        status: leads.status,
        nextDue: nextDue.as('next_due'),
      })
      .from(leads)
      .where(where)
      .orderBy(sql`next_due IS NOT NULL`, sql`next_due`, leads.number)
      .limit(limit)
      .offset(offset),
    ctx.db.select({ n: count() }).from(leads).where(where),
  ]);
  const now = ctx.now().getTime();
  const items = rows.map(({ nextDue: due, ...lead }) => ({
    lead,
    nextDueAt: due === null ? null : new Date(Number(due)),
    overdue: due === null || Number(due) < now,
  }));
  return { items, total: total?.n ?? 0, offset, limit };
}
