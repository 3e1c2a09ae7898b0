import { and, asc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import { OPEN_LEAD_STATUSES } from '../../db/enums.js';
import { leads, settings } from '../../db/schema/index.js';
import { assignRoundRobin } from './assign-round-robin.js';
import type { CoreContext } from './context.js';
import type { PoolLead } from './find-forgotten.js';
import { deliverOnce } from './job-runs.js';

export const POOL_ESCALATION_MODES = ['round_robin', 'nudge'] as const;
export type PoolEscalationMode = (typeof POOL_ESCALATION_MODES)[number];

/** Team setting `pool_escalation`: a bare string or `{ "mode": ... }`; a nudge when unset, the gentler choice. */
export async function poolEscalationMode(ctx: Pick<CoreContext, 'db'>): Promise<PoolEscalationMode> {
  const [row] = await ctx.db.select({ value: settings.value }).from(settings).where(eq(settings.key, 'pool_escalation'));
  const raw = typeof row?.value === 'object' && row.value !== null ? (row.value as { mode?: unknown }).mode : row?.value;
  return (POOL_ESCALATION_MODES as readonly unknown[]).includes(raw) ? (raw as PoolEscalationMode) : 'nudge';
}

export type EscalationOutcome =
  | { outcome: 'assigned'; assigneeId: string }
  | { outcome: 'nudged' }
  /** Another instance or an earlier tick escalated this lead already. */
  | { outcome: 'already' };

export const poolEscalationKey = (leadId: string) => `pool_escalation:${leadId}`;

/**
 * Escalates a pool lead left untaken past FIRST_CONTACT_MINUTES, once per lead. Round-robin
 * assigns it through the same rule as intake (assignRoundRobin: idempotent, race-safe), then
 * records the escalation with the assignee's message; a nudge, or round-robin with no active
 * manager, re-announces the lead to the team chat. Assigning before recording means a crash in
 * between loses at most the message, never the assignment (the morning list still shows the lead).
 */
export async function escalatePoolLead(ctx: CoreContext, lead: PoolLead, mode: PoolEscalationMode): Promise<EscalationOutcome> {
  const now = ctx.now();
  const run = { key: poolEscalationKey(lead.id), job: 'pool_escalation' };
  const waitedMinutes = Math.round((now.getTime() - Date.parse(lead.createdAt)) / 60_000);
  const payload = { leadId: lead.id, number: lead.number, name: lead.name, channel: lead.channel, waitedMinutes };

  const assignee = mode === 'round_robin' ? await assignRoundRobin(ctx, lead.id) : null;
  const sent = assignee
    ? await deliverOnce(ctx, run, [
        { kind: 'pool_assigned', payload: { ...payload, assigneeId: assignee.id }, chatId: assignee.chatId, memberId: assignee.id },
      ])
    : // chatId null: the sender routes it to the team chat, like a new lead's announcement.
      await deliverOnce(ctx, run, [{ kind: 'pool_nudge', payload, chatId: null, memberId: null }]);
  if (!sent) return { outcome: 'already' };
  return assignee ? { outcome: 'assigned', assigneeId: assignee.id } : { outcome: 'nudged' };
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
