import { sql } from 'drizzle-orm';
import * as z from 'zod';
import type { LeadStatus } from '../../../db/enums.js';
import { leads } from '../../../db/schema/index.js';
import type { CoreContext } from '../shared/context.js';
import { parseInput } from '../shared/validate.js';
import { historyOrAbort, runGuardedBatch } from '../shared/guarded-write.js';
import { assertAssigned, assertOpen, leadUnchanged, loadVisibleLead, requireMember } from './lead-access.js';
import { plannedActivitySchema, requireNextActivity } from '../activities/next-step-rule.js';

/**
 * Statuses a manager picks by hand. `new` and `assigned` follow from taking a lead,
 * `junk` has its own use case (it needs a reason), `converted` comes with a deal.
 */
export const MANUAL_LEAD_STATUSES = ['clarifying', 'unreachable', 'in_progress', 'call_back'] as const satisfies readonly LeadStatus[];
export type ManualLeadStatus = (typeof MANUAL_LEAD_STATUSES)[number];

export const changeLeadStatusSchema = z.object({
  leadId: z.string().min(1),
  status: z.enum(MANUAL_LEAD_STATUSES),
  next: plannedActivitySchema.nullish(),
});
export type ChangeLeadStatusInput = z.input<typeof changeLeadStatusSchema>;

export interface ChangeLeadStatusResult {
  changed: boolean;
  status: LeadStatus;
}

/** Leaving any open status needs a dated next step to exist or be chosen in the same flow. */
export async function changeLeadStatus(ctx: CoreContext, input: ChangeLeadStatusInput): Promise<ChangeLeadStatusResult> {
  const actor = requireMember(ctx);
  const { leadId, status, next } = parseInput(changeLeadStatusSchema, input, 'status', { label: 'none' });
  const lead = await loadVisibleLead(ctx, leadId);
  assertOpen(lead);
  assertAssigned(lead);
  if (lead.status === status && !next) return { changed: false, status };

  const planned = await requireNextActivity(ctx, { leadId }, { next, assigneeId: lead.assigneeId, defaultSubject: 'follow_up' });
  const now = ctx.now();
  const { db } = ctx;
  await runGuardedBatch(db, [
    db
      .update(leads)
      .set({ status, firstTouchedAt: sql`COALESCE(${leads.firstTouchedAt}, ${now.getTime()})`, updatedAt: now })
      .where(leadUnchanged(lead)),
    historyOrAbort(db, {
      entityType: 'lead',
      entityId: leadId,
      action: 'status_changed',
      actor,
      at: now,
      changes: {
        status: [lead.status, status],
        ...(next ? { next: { dueAt: new Date(next.dueAt).toISOString() } } : {}),
      },
    }),
    ...planned,
  ]);
  return { changed: lead.status !== status, status };
}
