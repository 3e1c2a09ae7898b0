import { eq } from 'drizzle-orm';
import * as z from 'zod';
import { OPEN_DEAL_STAGES, type DealStage } from '../../../db/enums.js';
import { deals } from '../../../db/schema/index.js';
import { runBatch } from '../shared/batch.js';
import type { CoreContext } from '../shared/context.js';
import { assertDealOpen, loadVisibleDeal } from './deal-access.js';
import { plannedActivitySchema, requireNextActivity } from '../activities/next-step-rule.js';
import { diff, historyEntry } from '../shared/records.js';
import { parseInput } from '../shared/validate.js';

export const changeDealStageSchema = z.object({
  dealId: z.string().min(1),
  stage: z.enum(OPEN_DEAL_STAGES),
  /** The dated next step chosen with the stage (the bot offers presets: tomorrow, in 3 days...). */
  next: plannedActivitySchema.optional(),
});
export type ChangeDealStageInput = z.input<typeof changeDealStageSchema>;

export interface ChangeDealStageResult {
  dealId: string;
  from: DealStage;
  to: DealStage;
  changed: boolean;
  plannedNext: boolean;
}

/**
 * Moves an open deal between the open stages. Like a lead, an open deal always has a dated
 * next step: without an open activity and without `next`, the change is refused (rule next_activity_required).
 * Won and lost have their own use cases, since they need an amount or a reason.
 */
export async function changeDealStage(ctx: CoreContext, input: ChangeDealStageInput): Promise<ChangeDealStageResult> {
  const { dealId, stage, next } = parseInput(changeDealStageSchema, input, 'stage change');
  const deal = await loadVisibleDeal(ctx, dealId);
  assertDealOpen(deal);
  const planned = await requireNextActivity(ctx, { dealId }, { next, assigneeId: deal.assigneeId, defaultSubject: 'deal_next_step' });
  const changed = deal.stage !== stage;
  if (!changed && planned.length === 0) return { dealId, from: deal.stage, to: stage, changed, plannedNext: false };
  const now = ctx.now();
  await runBatch(ctx.db, [
    ...(changed ? [ctx.db.update(deals).set({ stage, updatedAt: now }).where(eq(deals.id, dealId))] : []),
    ...planned,
    historyEntry(ctx.db, {
      entityType: 'deal',
      entityId: dealId,
      action: changed ? 'stage_changed' : 'next_activity_planned',
      actor: ctx.actor,
      at: now,
      changes: { ...diff(deal, { stage }), ...(next ? { next: { kind: next.kind ?? 'call', dueAt: next.dueAt } } : {}) },
    }),
  ]);
  return { dealId, from: deal.stage, to: stage, changed, plannedNext: planned.length > 0 };
}
