import { and, eq, isNull, sql } from 'drizzle-orm';
import * as z from 'zod';
import { JUNK_REASONS } from '../../../db/enums.js';
import { activities, leads } from '../../../db/schema/index.js';
import type { CoreContext } from '../shared/context.js';
import { parseInput } from '../shared/validate.js';
import { historyOrAbort, runGuardedBatch } from '../shared/guarded-write.js';
import { assertOpen, leadUnchanged, loadVisibleLead, requireMember } from './lead-access.js';

export const junkLeadSchema = z.object({
  leadId: z.string().min(1),
  reason: z.enum(JUNK_REASONS),
  note: z.string().trim().max(4000).nullish(),
});
export type JunkLeadInput = z.input<typeof junkLeadSchema>;

/**
 * Junk is final: the reason is kept for the weekly report and the lead's open activities are
 * closed, so nobody is reminded of them. A pool lead may be junked too (spam needs no owner).
 * Nothing is ever deleted.
 */
export async function junkLead(ctx: CoreContext, input: JunkLeadInput): Promise<{ number: number }> {
  const actor = requireMember(ctx);
  const { leadId, reason, note } = parseInput(junkLeadSchema, input, 'reason', { label: 'none' });
  const lead = await loadVisibleLead(ctx, leadId);
  assertOpen(lead);
  const now = ctx.now();
  const { db } = ctx;
  await runGuardedBatch(db, [
    db
      .update(leads)
      .set({
        status: 'junk',
        junkReason: reason,
        junkNote: note ?? null,
        closedAt: now,
        firstTouchedAt: sql`COALESCE(${leads.firstTouchedAt}, ${now.getTime()})`,
        updatedAt: now,
      })
      .where(leadUnchanged(lead)),
    historyOrAbort(db, {
      entityType: 'lead',
      entityId: leadId,
      action: 'junked',
      actor,
      at: now,
      changes: { status: [lead.status, 'junk'], junkReason: reason, ...(note ? { note } : {}) },
    }),
    db
      .update(activities)
      .set({ doneAt: now, result: 'cancelled', updatedAt: now })
      .where(and(eq(activities.leadId, leadId), isNull(activities.doneAt))),
  ]);
  return { number: lead.number };
}
