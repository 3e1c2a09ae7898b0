import type { Db } from '../../db/client.js';
import type { Role } from '../../db/enums.js';
import type { Actor, CoreContext } from '../../src/core/shared/context.js';
import { convertLead } from '../../src/core/leads/convert-lead.js';
import { createLeadFromIntake } from '../../src/core/intake/create-lead-from-intake.js';
import type { IntakeLeadInput } from '../../src/core/intake/intake-input.js';
import { coreContext, type TestClock } from './context.js';
import { addMember } from './seed.js';

/** A team member row and the actor that acts as them. */
export async function memberActor(db: Db, role: Role = 'manager', name = `${role} one`): Promise<Actor & { kind: 'member' }> {
  const id = await addMember(db, { role, name });
  return { kind: 'member', id, label: name, role, language: 'ru' };
}

export const webhookActor: Actor = { kind: 'webhook', id: 'form', label: 'site form' };

/** A lead as the site form would create it, assigned to `assigneeId` when given. */
export async function intakeLead(ctx: CoreContext, input: Partial<IntakeLeadInput> = {}): Promise<string> {
  const result = await createLeadFromIntake(
    { ...ctx, actor: webhookActor },
    { channel: 'site_form', intakeSource: 'form', name: 'Иван Петров', phone: '+7 999 123-45-67', ...input },
  );
  return result.lead.id;
}

/** A converted deal owned by `actor`, for tests that start from a deal. */
export async function dealFor(db: Db, actor: Actor, clock: TestClock, lead: Partial<IntakeLeadInput> = {}) {
  const ctx = coreContext(db, { actor, clock });
  const leadId = await intakeLead(ctx, lead);
  const converted = await convertLead(ctx, { leadId });
  return { ctx, leadId, ...converted };
}
