import { Composer } from 'grammy';
import { CALL_OUTCOMES, JUNK_REASONS, type CallOutcome, type JunkReason } from '../../db/enums.js';
import { DUE_PRESETS } from '../../src/core/activities/due-date.js';
import { logCall } from '../../src/core/leads/log-call.js';
import { cb, pattern } from '../callback-data.js';
import { choiceKeyboard } from '../choice-keyboard.js';
import type { BotContext } from '../context.js';
import { formatDateTime } from '../i18n.js';
import { awaiting, presetKeyboard, showCard } from '../lead-reply.js';
import { presetDueAt, typedDueAt } from '../next-step-due.js';
import { awaitTypedInput } from '../typed-input.js';

/**
 * Log a call in three taps: Call → outcome → next step (a preset, or a typed date instead of the
 * third tap). A wrong number offers junk reasons beside the presets. Any text sent right after is
 * kept as a note on the lead.
 */
export const logCallFeature = new Composer<BotContext>();

logCallFeature.callbackQuery(pattern.call, async (ctx) => {
  const leadId = ctx.match[1]!;
  const { t } = ctx.crm;
  const kb = choiceKeyboard(CALL_OUTCOMES, (o) => [t.outcomes[o], cb.callOutcome(leadId, o)]).text(t.buttons.cancel, cb.card(leadId));
  await showCard(ctx, leadId, { edit: true, keyboard: kb, footer: t.call.chooseOutcome, requires: 'log_call' });
});

logCallFeature.callbackQuery(pattern.callOutcome, async (ctx) => {
  const [, leadId, outcome] = ctx.match as unknown as [string, string, CallOutcome];
  if (!CALL_OUTCOMES.includes(outcome)) return;
  const { t } = ctx.crm;
  awaitTypedInput(ctx.session, { pending: { kind: 'call_next', leadId, outcome } });
  let kb = presetKeyboard(ctx, (preset) => cb.callNext(leadId, outcome, preset), leadId);
  if (outcome === 'wrong_number') {
    kb = choiceKeyboard(JUNK_REASONS, (r) => [t.buttons.junkAs({ reason: t.junkReasons[r] }), cb.callJunk(leadId, r)]).row();
    for (const preset of DUE_PRESETS) kb.text(t.buttons.presets[preset], cb.callNext(leadId, outcome, preset));
    kb.row().text(t.buttons.cancel, cb.card(leadId));
  }
  const footer = outcome === 'wrong_number' ? t.call.wrongNumber : t.call.chooseNext;
  await showCard(ctx, leadId, { edit: true, keyboard: kb, footer, requires: 'log_call' });
});

logCallFeature.callbackQuery(pattern.callNext, async (ctx) => {
  const [, leadId, outcome, preset] = ctx.match as unknown as [string, string, CallOutcome, string];
  const dueAt = presetDueAt(ctx, preset);
  if (dueAt) await finishCall(ctx, leadId, outcome, dueAt, true);
});

logCallFeature.callbackQuery(pattern.callJunk, async (ctx) => {
  const [, leadId, reason] = ctx.match as unknown as [string, string, JunkReason];
  await logCall(ctx.crm.core(), { leadId, outcome: 'wrong_number', junkReason: reason });
  awaitTypedInput(ctx.session, { pending: { kind: 'note', leadId, since: ctx.crm.deps.now().getTime() } });
  await showCard(ctx, leadId, { edit: true, footer: ctx.crm.t.call.loggedJunk });
});

logCallFeature.on('message:text').filter(awaiting('call_next'), async (ctx) => {
  const pending = ctx.session.pending;
  if (pending?.kind !== 'call_next') return;
  const dueAt = await typedDueAt(ctx, ctx.message.text);
  if (dueAt) await finishCall(ctx, pending.leadId, pending.outcome as CallOutcome, dueAt, false);
});

async function finishCall(ctx: BotContext, leadId: string, outcome: CallOutcome, dueAt: Date, edit: boolean) {
  const { t, timeZone, deps } = ctx.crm;
  await logCall(ctx.crm.core(), { leadId, outcome, next: { kind: 'call', dueAt } });
  awaitTypedInput(ctx.session, { pending: { kind: 'note', leadId, since: ctx.crm.deps.now().getTime() } });
  const next = formatDateTime(dueAt, t, timeZone, deps.now());
  await showCard(ctx, leadId, { edit, footer: t.call.logged({ next }) });
}
