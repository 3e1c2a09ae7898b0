import { escalatePoolLead, nudgePoolLeads, poolEscalationMode } from '../core/leads/escalate-pool-lead.js';
import { untakenPoolLeads, type PoolLead } from '../core/leads/untaken-pool-leads.js';
import { coreAt, done, type JobContext, type JobResult } from './job-context.js';

/**
 * Pool leads nobody took within FIRST_CONTACT_MINUTES, escalated once each as the team's
 * `pool_escalation` setting says: round-robin assigns each to a manager; a nudge (or round-robin
 * with nobody to assign to) is ONE summary to the team chat per run, not a message per lead.
 * Runs every minute: a new lead's first contact is measured in minutes, not days.
 */
export async function escalatePool(ctx: JobContext, now: Date): Promise<JobResult> {
  const core = coreAt(ctx, now);
  const leads = await untakenPoolLeads(core);
  const result: JobResult = { queued: 0, skipped: 0 };
  if (leads.length === 0) return result;
  const mode = await poolEscalationMode(core);
  const unassigned: PoolLead[] = [];
  for (const lead of leads) {
    if (mode === 'nudge') {
      unassigned.push(lead);
      continue;
    }
    const outcome = await escalatePoolLead(core, lead);
    if (outcome.outcome === 'already') result.skipped++;
    else if (outcome.outcome === 'unassigned') unassigned.push(lead);
    else result.queued++;
  }
  if (unassigned.length > 0) {
    if (await nudgePoolLeads(core, unassigned)) result.queued++;
    else result.skipped += unassigned.length;
  }
  return done(ctx, result);
}
