import { escalatePoolLead, poolEscalationMode, untakenPoolLeads } from '../core/escalate-pool-lead.js';
import { coreAt, done, type JobContext, type JobResult } from './job-context.js';

/**
 * Pool leads nobody took within FIRST_CONTACT_MINUTES, escalated once each as the team's
 * `pool_escalation` setting says (round-robin assignment or a nudge to the team chat).
 * Runs every minute: a new lead's first contact is measured in minutes, not days.
 */
export async function escalatePool(ctx: JobContext, now: Date): Promise<JobResult> {
  const core = coreAt(ctx, now);
  const leads = await untakenPoolLeads(core);
  const result: JobResult = { queued: 0, skipped: 0 };
  if (leads.length === 0) return result;
  const mode = await poolEscalationMode(core);
  for (const lead of leads) {
    const outcome = await escalatePoolLead(core, lead, mode);
    if (outcome.outcome === 'already') result.skipped++;
    else result.queued++;
  }
  return done(ctx, result);
}
