import type { IntakeOutcome } from '../../../db/enums.js';
import { intakeLog } from '../../../db/schema/index.js';
import type { CoreContext } from '../shared/context.js';
import { newId } from '../shared/ids.js';
import type { RawIntake } from './intake-input.js';

/** Keeps an authenticated request the CRM could not turn into a lead, so a human can review it. */
export function intakeLogEntry(
  ctx: CoreContext,
  entry: RawIntake & { source: string; outcome: IntakeOutcome; leadId?: string | null; error?: string | null },
) {
  return ctx.db.insert(intakeLog).values({
    id: newId(),
    source: entry.source,
    contentType: entry.contentType,
    body: entry.body,
    outcome: entry.outcome,
    leadId: entry.leadId ?? null,
    error: entry.error ?? null,
    receivedAt: ctx.now(),
  });
}

export async function logIntake(
  ctx: CoreContext,
  entry: RawIntake & { source: string; outcome: IntakeOutcome; leadId?: string | null; error?: string | null },
): Promise<void> {
  await intakeLogEntry(ctx, entry);
}
