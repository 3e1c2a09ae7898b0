import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import * as z from 'zod';
import { CALL_OUTCOMES, JUNK_REASONS, type CallOutcome, type LeadStatus } from '../../../db/enums.js';
import { activities, leads } from '../../../db/schema/index.js';
import type { CoreContext } from '../shared/context.js';
import { parseInput } from '../shared/validate.js';
import { historyOrAbort, runGuardedBatch, type Statement } from '../shared/guarded-write.js';
import { newId } from '../shared/ids.js';
import { assertAssigned, assertOpen, leadUnchanged, loadVisibleLead, requireMember } from './lead-access.js';
import { plannedActivitySchema, requireNextActivity } from '../activities/next-step-rule.js';

export const logCallSchema = z.object({
  leadId: z.string().min(1),
  outcome: z.enum(CALL_OUTCOMES),
  next: plannedActivitySchema.nullish(),
  note: z.string().trim().max(4000).nullish(),
  /** A wrong number usually ends the lead: junk it in the same write instead of planning a next step. */
  junkReason: z.enum(JUNK_REASONS).nullish(),
});
export type LogCallInput = z.input<typeof logCallSchema>;

/** Statuses a reached call does not pull back to in_progress: the manager already moved the lead on. */
const REACHED_KEEPS: readonly LeadStatus[] = ['clarifying', 'in_progress', 'call_back'];

export function statusAfterCall(current: LeadStatus, outcome: CallOutcome): LeadStatus {
  if (outcome === 'no_answer' || outcome === 'busy') return 'unreachable';
  if (outcome === 'reached') return REACHED_KEEPS.includes(current) ? current : 'in_progress';
  return current;
}

export interface LogCallResult {
  callId: string;
  status: LeadStatus;
  /** Whether this call planned a new next step (false when an open one already existed). */
  planned: boolean;
}

/**
 * A call is a done activity on the lead (kind call, result = outcome). It closes the lead's
 * oldest open call, which is what the manager was asked to do; the lead's status follows the
 * outcome, and the lead keeps a dated next step (house rule) unless the call junks it.
 */
export async function logCall(ctx: CoreContext, input: LogCallInput): Promise<LogCallResult> {
  const actor = requireMember(ctx);
  const { leadId, outcome, next, note, junkReason } = parseInput(logCallSchema, input, 'call', { label: 'none' });
  const lead = await loadVisibleLead(ctx, leadId);
  assertOpen(lead);
  assertAssigned(lead);
  const now = ctx.now();
  const { db } = ctx;

  const [openCall] = await db
    .select({ id: activities.id })
    .from(activities)
    .where(and(eq(activities.leadId, leadId), isNull(activities.doneAt), eq(activities.kind, 'call')))
    .orderBy(asc(activities.dueAt))
    .limit(1);
  const callId = openCall?.id ?? newId();
  const status: LeadStatus = junkReason ? 'junk' : statusAfterCall(lead.status, outcome);

  const planned = junkReason
    ? []
    : await requireNextActivity(ctx, { leadId }, {
        next,
        assigneeId: lead.assigneeId,
        defaultSubject: 'follow_up',
        ...(openCall ? { ignoreActivityId: openCall.id } : {}),
      });

  const callDone = { doneAt: now, result: outcome, note: note ?? null, assigneeId: actor.id, updatedAt: now };
  const statements: Statement[] = [
    db
      .update(leads)
      .set({
        status,
        firstTouchedAt: sql`COALESCE(${leads.firstTouchedAt}, ${now.getTime()})`,
        updatedAt: now,
        ...(junkReason ? { junkReason, closedAt: now } : {}),
      })
      .where(leadUnchanged(lead)),
    historyOrAbort(db, {
      entityType: 'lead',
      entityId: leadId,
      action: 'call_logged',
      actor,
      at: now,
      changes: {
        outcome,
        ...(status !== lead.status ? { status: [lead.status, status] } : {}),
        ...(junkReason ? { junkReason } : {}),
        ...(note ? { note } : {}),
        ...(next ? { next: { dueAt: new Date(next.dueAt).toISOString() } } : {}),
      },
    }),
    openCall
      ? db.update(activities).set(callDone).where(eq(activities.id, callId))
      : db.insert(activities).values({
          id: callId, kind: 'call', subject: 'call', dueAt: now, leadId, createdBy: actor.label, createdAt: now, ...callDone,
        }),
    ...planned,
  ];
  if (junkReason) {
    statements.push(
      db
        .update(activities)
        .set({ doneAt: now, result: 'cancelled', updatedAt: now })
        .where(and(eq(activities.leadId, leadId), isNull(activities.doneAt))),
    );
  }
  await runGuardedBatch(db, statements);
  return { callId, status, planned: planned.length > 0 };
}
