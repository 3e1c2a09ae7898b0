import type { CoreContext } from '../shared/context.js';
import { createLeadFromIntake, type IntakeResult } from '../intake/create-lead-from-intake.js';
import { requireMember } from './lead-access.js';
import { takeLead, type TakeOutcome } from './take-lead.js';

export interface ManualLeadInput {
  name: string;
  phone: string;
  channel: 'manual' | 'cold_call';
}

/**
 * A lead a manager enters by hand goes through the same intake as every other request (so the
 * same phone joins an open lead instead of doubling it), then is taken by its author.
 */
export async function createManualLead(
  ctx: CoreContext,
  input: ManualLeadInput,
): Promise<{ intake: IntakeResult; take: TakeOutcome }> {
  requireMember(ctx);
  const intake = await createLeadFromIntake(ctx, {
    channel: input.channel,
    intakeSource: 'bot',
    source: `bot:${ctx.actor.label}`,
    name: input.name,
    phone: input.phone,
  });
  if (intake.lead.assigneeId !== null) return { intake, take: 'taken_by_other' };
  const taken = await takeLead(ctx, intake.lead.id);
  return { intake, take: taken.outcome };
}
