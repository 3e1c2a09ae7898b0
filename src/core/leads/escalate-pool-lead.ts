import { eq } from 'drizzle-orm';
import { jobRuns, settings } from '../../../db/schema/index.js';
import { assignRoundRobin } from './assign-round-robin.js';
import type { CoreContext } from '../shared/context.js';
import type { PoolLead } from './untaken-pool-leads.js';
import { deliverOnce } from '../background/job-runs.js';

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
  /** Round-robin found no active manager: the lead joins the run's summary for the team chat. */
  | { outcome: 'unassigned' }
  /** Another instance or an earlier tick escalated this lead already. */
  | { outcome: 'already' };

export const poolEscalationKey = (leadId: string) => `pool_escalation:${leadId}`;

/** How many leads a pool summary names with a Take button; the rest are counted, and wait in /pool. */
export const POOL_SUMMARY_MAX = 10;

/**
 * Round-robin escalation of one pool lead left untaken past FIRST_CONTACT_MINUTES, once per lead:
 * assigns it through the same rule as intake (assignRoundRobin: idempotent, race-safe), then
 * records the escalation with the assignee's message. Assigning before recording means a crash in
 * between loses at most the message, never the assignment (the morning list still shows the lead).
 */
export async function escalatePoolLead(ctx: CoreContext, lead: PoolLead): Promise<EscalationOutcome> {
  const now = ctx.now();
  const run = { key: poolEscalationKey(lead.id), job: 'pool_escalation' };
  const waitedMinutes = Math.round((now.getTime() - Date.parse(lead.createdAt)) / 60_000);
  const payload = { leadId: lead.id, number: lead.number, name: lead.name, channel: lead.channel, waitedMinutes };
  const assignee = await assignRoundRobin(ctx, lead.id);
  if (!assignee) return { outcome: 'unassigned' };
  const sent = await deliverOnce(ctx, run, [
    { kind: 'pool_assigned', payload: { ...payload, assigneeId: assignee.id }, chatId: assignee.chatId, memberId: assignee.id },
  ]);
  return sent ? { outcome: 'assigned', assigneeId: assignee.id } : { outcome: 'already' };
}

/**
 * One reminder to the team chat for every pool lead of this run, not one message per lead: the
 * first POOL_SUMMARY_MAX with a Take button each, the rest counted. Each lead is marked escalated
 * in the same batch, so a doubled tick or a second instance sends nothing twice (its batch fails
 * on the first shared key and rolls back whole).
 */
export async function nudgePoolLeads(ctx: CoreContext, pool: PoolLead[]): Promise<boolean> {
  if (pool.length === 0) return false;
  const { db } = ctx;
  const at = ctx.now();
  const [first, ...rest] = pool;
  const payload = { leadIds: pool.slice(0, POOL_SUMMARY_MAX).map((l) => l.id), total: pool.length };
  // chatId null: the sender routes it to the team chat, like a new lead's announcement.
  return deliverOnce(
    ctx,
    { key: poolEscalationKey(first!.id), job: 'pool_escalation' },
    [{ kind: 'pool_nudge', payload, chatId: null, memberId: null, dedupeKey: `pool_nudge:${first!.id}` }],
    rest.map((l) => db.insert(jobRuns).values({ key: poolEscalationKey(l.id), job: 'pool_escalation', createdAt: at })),
  );
}
