import { and, asc, inArray, isNull, lt, sql } from 'drizzle-orm';
import { OPEN_LEAD_STATUSES, type Channel } from '../../../db/enums.js';
import { leads } from '../../../db/schema/index.js';
import type { CoreContext } from '../shared/context.js';

/** A pool lead left untaken past the first-contact limit: what its escalation and the audit name. */
export interface PoolLead {
  id: string;
  number: number;
  name: string | null;
  channel: Channel;
  createdAt: string;
}

/**
 * Pool leads past the first-contact limit, oldest first: by default only those not escalated yet
 * (the escalation job), with `includeEscalated` all of them (the audit).
 */
export async function untakenPoolLeads(
  ctx: CoreContext,
  { limit = 500, includeEscalated = false }: { limit?: number; includeEscalated?: boolean } = {},
): Promise<PoolLead[]> {
  const cutoff = ctx.now().getTime() - ctx.settings.firstContactMinutes * 60_000;
  const rows = await ctx.db
    .select({ id: leads.id, number: leads.number, name: leads.name, channel: leads.channel, createdAt: leads.createdAt })
    .from(leads)
    .where(
      and(
        inArray(leads.status, OPEN_LEAD_STATUSES),
        isNull(leads.assigneeId),
        lt(leads.createdAt, new Date(cutoff)),
        includeEscalated ? undefined : sql`NOT EXISTS (SELECT 1 FROM job_runs WHERE job_runs.key = 'pool_escalation:' || ${leads.id})`,
      ),
    )
    .orderBy(asc(leads.createdAt))
    .limit(limit);
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}
