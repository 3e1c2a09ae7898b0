import { Composer } from 'grammy';
import { changeLeadStatus, MANUAL_LEAD_STATUSES, type ManualLeadStatus } from '../../src/core/leads/change-lead-status.js';
import { isCrmError } from '../../src/core/shared/errors.js';
import { getLeadView } from '../../src/core/leads/get-lead-view.js';
import { cb, pattern } from '../callback-data.js';
import { choiceKeyboard } from '../choice-keyboard.js';
import type { BotContext } from '../context.js';
import { ack, awaiting, presetKeyboard, showCard } from '../lead-reply.js';
import { presetDueAt, typedDueAt } from '../next-step-due.js';
import { awaitTypedInput } from '../typed-input.js';

/**
 * Status by buttons: Status → new status (two taps when a next step exists). Without one the core
 * refuses; the bot explains the rule and offers the next-step presets, so the third tap (or a typed
 * date) completes the same change.
 */
export const statusFeature = new Composer<BotContext>();

statusFeature.callbackQuery(pattern.status, async (ctx) => {
  const leadId = ctx.match[1]!;
  const { t } = ctx.crm;
  const view = await getLeadView(ctx.crm.core(), leadId);
  const others = MANUAL_LEAD_STATUSES.filter((s) => s !== view.lead.status);
  const kb = choiceKeyboard(others, (s) => [t.statuses[s], cb.setStatus(leadId, s)]).row().text(t.buttons.cancel, cb.card(leadId));
  await showCard(ctx, leadId, { edit: true, keyboard: kb, footer: t.status.choose, requires: 'status' });
});

statusFeature.callbackQuery(pattern.setStatus, async (ctx) => {
  const [, leadId, status] = ctx.match as unknown as [string, string, ManualLeadStatus];
  const { t } = ctx.crm;
  try {
    await changeLeadStatus(ctx.crm.core(), { leadId, status });
  } catch (e) {
    if (!isCrmError(e, 'RULE') || e.details.rule !== 'next_activity_required') throw e;
    awaitTypedInput(ctx.session, { pending: { kind: 'status_next', leadId, status } });
    await ack(ctx, t.rules.next_activity_required, { alert: true });
    const kb = presetKeyboard(ctx, (preset) => cb.statusNext(leadId, status, preset), leadId);
    return showCard(ctx, leadId, { edit: true, keyboard: kb, footer: `${t.rules.next_activity_required}\n${t.status.chooseNext}` });
  }
  await done(ctx, leadId, status, true);
});

statusFeature.callbackQuery(pattern.statusNext, async (ctx) => {
  const [, leadId, status, preset] = ctx.match as unknown as [string, string, ManualLeadStatus, string];
  const dueAt = presetDueAt(ctx, preset);
  if (!dueAt) return;
  await changeLeadStatus(ctx.crm.core(), { leadId, status, next: { kind: 'call', dueAt } });
  await done(ctx, leadId, status, true);
});

statusFeature.on('message:text').filter(awaiting('status_next'), async (ctx) => {
  const pending = ctx.session.pending;
  if (pending?.kind !== 'status_next') return;
  const dueAt = await typedDueAt(ctx, ctx.message.text);
  if (!dueAt) return;
  const status = pending.status as ManualLeadStatus;
  await changeLeadStatus(ctx.crm.core(), { leadId: pending.leadId, status, next: { kind: 'call', dueAt } });
  await done(ctx, pending.leadId, status, false);
});

async function done(ctx: BotContext, leadId: string, status: ManualLeadStatus, edit: boolean) {
  const { t } = ctx.crm;
  delete ctx.session.pending;
  await showCard(ctx, leadId, { edit, footer: t.status.changed({ status: t.statuses[status] }) });
}
