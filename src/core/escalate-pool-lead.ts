import { and, asc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import { OPEN_LEAD_STATUSES } from '../../db/enums.js';
import { activities, leads, members, settings } from '../../db/schema/index.js';
import type { CoreContext } from './context.js';
import type { PoolLead } from './find-forgotten.js';
import { deliverOnce } from './job-runs.js';
import { historyEntry } from './records.js';

export const POOL_ESCALATION_MODES = ['round_robin', 'nudge'] as const;
export type PoolEscalationMode = (typeof POOL_ESCALATION_MODES)[number];

/** Team setting `pool_escalation`: a bare string or `{ "mode": ... }`; a nudge when unset, the gentler choice. */
export async function poolEscalationMode(ctx: Pick<CoreContext, 'db'>): Promise<PoolEscalationMode> {
  const [row] = await ctx.db.select({ value: settings.value }).from(settings).where(eq(settings.key, 'pool_escalation'));
  const raw = typeof row?.value === 'object' && row.value !== null ? (row.value as { mode?: unknown }).mode : row?.value;
  return (POOL_ESCALATION_MODES as readonly unknown[]).includes(raw) ? (raw as PoolEscalationMode) : 'nudge';
}

/** The active manager assigned longest ago (never-assigned ones first). */
export async function nextRoundRobinManager(ctx: Pick<CoreContext, 'db'>) {
  const [row] = await ctx.db
    .select({ id: members.id, name: members.name, chatId: members.chatId })
    .from(members)
    .where(and(eq(members.active, true), eq(members.role, 'manager')))
    .orderBy(sql`${members.lastAssignedAt} IS NOT NULL`, asc(members.lastAssignedAt), asc(members.createdAt), asc(members.id))
    .limit(1);
  return row ?? null;
}

export type EscalationOutcome =
  | { outcome: 'assigned'; assigneeId: string }
  | { outcome: 'nudged' }
  /** Another instance or an earlier tick escalated this lead already. */
  | { outcome: 'already' };

export const poolEscalationKey = (leadId: string) => `pool_escalation:${leadId}`;

/**
 * Escalates a pool lead left untaken past FIRST_CONTACT_MINUTES, once per lead. Round-robin
 * assigns it (lead, its open activities, the manager's last_assigned_at, history and a message
 * in one batch); a nudge, or round-robin with no active manager, re-announces it to the team chat.
 */
export async function escalatePoolLead(ctx: CoreContext, lead: PoolLead, mode: PoolEscalationMode): Promise<EscalationOutcome> {
  const { db } = ctx;
  const now = ctx.now();
  const run = { key: poolEscalationKey(lead.id), job: 'pool_escalation' };
  const waitedMinutes = Math.round((now.getTime() - Date.parse(lead.createdAt)) / 60_000);
  const payload = { leadId: lead.id, number: lead.number, name: lead.name, channel: lead.channel, waitedMinutes };

  const manager = mode === 'round_robin' ? await nextRoundRobinManager(ctx) : null;
  if (!manager) {
    // chatId null: the sender routes it to the team chat, like a new lead's announcement.
    const sent = await deliverOnce(ctx, run, [{ kind: 'pool_nudge', payload, chatId: null, memberId: null }]);
    return sent ? { outcome: 'nudged' } : { outcome: 'already' };
  }
  const sent = await deliverOnce(
    ctx,
    run,
    [{ kind: 'pool_assigned', payload: { ...payload, assigneeId: manager.id }, chatId: manager.chatId, memberId: manager.id }],
    [
      db
        .update(leads)
        .set({
          assigneeId: manager.id,
          status: sql`CASE WHEN ${leads.status} = 'new' THEN 'assigned' ELSE ${leads.status} END`,
          updatedAt: now,
        })
        // A manager who took the lead a moment ago keeps it.
        .where(and(eq(leads.id, lead.id), isNull(leads.assigneeId))),
      db
        .update(activities)
        .set({ assigneeId: manager.id, updatedAt: now })
        .where(and(eq(activities.leadId, lead.id), isNull(activities.doneAt), isNull(activities.assigneeId))),
      db.update(members).set({ lastAssignedAt: now }).where(eq(members.id, manager.id)),
      historyEntry(db, {
        entityType: 'lead',
        entityId: lead.id,
        action: 'assigned',
        actor: ctx.actor,
        at: now,
        changes: { assigneeId: [null, manager.id], reason: 'pool_escalation', waitedMinutes },
      }),
    ],
  );
  return sent ? { outcome: 'assigned', assigneeId: manager.id } : { outcome: 'already' };
}

/** Pool leads past the first-contact limit that have not been escalated yet, oldest first. */
export async function untakenPoolLeads(ctx: CoreContext, limit = 500): Promise<PoolLead[]> {
  const cutoff = ctx.now().getTime() - ctx.settings.firstContactMinutes * 60_000;
  const rows = await ctx.db
    .select({ id: leads.id, number: leads.number, name: leads.name, channel: leads.channel, createdAt: leads.createdAt })
    .from(leads)
    .where(
      and(
        inArray(leads.status, OPEN_LEAD_STATUSES),
        isNull(leads.assigneeId),
        lt(leads.createdAt, new Date(cutoff)),
        sql`NOT EXISTS (SELECT 1 FROM job_runs WHERE job_runs.key = 'pool_escalation:' || ${leads.id})`,
      ),
    )
    .orderBy(asc(leads.createdAt))
    .limit(limit);
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}
