import { Composer, InlineKeyboard } from 'grammy';
import { CALL_OUTCOMES, JUNK_REASONS, type CallOutcome, type JunkReason } from '../../db/enums.js';
import { DUE_PRESETS, parseDueText, presetDue, type DuePreset } from '../../src/core/activities/due-date.js';
import { logCall } from '../../src/core/leads/log-call.js';
import { cb, pattern } from '../callback-data.js';
import type { BotContext } from '../context.js';
import { formatDateTime } from '../i18n.js';
import { ack, awaiting, presetKeyboard, showCard } from '../lead-reply.js';
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
  const kb = new InlineKeyboard();
  CALL_OUTCOMES.forEach((o, i) => {
    kb.text(t.outcomes[o], cb.callOutcome(leadId, o));
    if (i % 2 === 1) kb.row();
  });
  kb.text(t.buttons.cancel, cb.card(leadId));
  await ack(ctx);
  await showCard(ctx, leadId, { edit: true, keyboard: kb, footer: t.call.chooseOutcome, requires: 'log_call' });
});

logCallFeature.callbackQuery(pattern.callOutcome, async (ctx) => {
  const [, leadId, outcome] = ctx.match as unknown as [string, string, CallOutcome];
  if (!CALL_OUTCOMES.includes(outcome)) return ack(ctx);
  const { t } = ctx.crm;
  awaitTypedInput(ctx.session, { pending: { kind: 'call_next', leadId, outcome } });
  let kb = presetKeyboard(ctx, (preset) => cb.callNext(leadId, outcome, preset), leadId);
  if (outcome === 'wrong_number') {
    kb = new InlineKeyboard();
    JUNK_REASONS.forEach((r, i) => {
      kb.text(t.buttons.junkAs({ reason: t.junkReasons[r] }), cb.callJunk(leadId, r));
      if (i % 2 === 1) kb.row();
    });
    kb.row();
    for (const preset of DUE_PRESETS) kb.text(t.buttons.presets[preset], cb.callNext(leadId, outcome, preset));
    kb.row().text(t.buttons.cancel, cb.card(leadId));
  }
  await ack(ctx);
  const footer = outcome === 'wrong_number' ? t.call.wrongNumber : t.call.chooseNext;
  await showCard(ctx, leadId, { edit: true, keyboard: kb, footer, requires: 'log_call' });
});

logCallFeature.callbackQuery(pattern.callNext, async (ctx) => {
  const [, leadId, outcome, preset] = ctx.match as unknown as [string, string, CallOutcome, DuePreset];
  if (!DUE_PRESETS.includes(preset)) return ack(ctx);
  await finishCall(ctx, leadId, outcome, presetDue(preset, ctx.crm.deps.now(), ctx.crm.timeZone), true);
});

logCallFeature.callbackQuery(pattern.callJunk, async (ctx) => {
  const [, leadId, reason] = ctx.match as unknown as [string, string, JunkReason];
  await logCall(ctx.crm.core(), { leadId, outcome: 'wrong_number', junkReason: reason });
  awaitTypedInput(ctx.session, { pending: { kind: 'note', leadId, since: ctx.crm.deps.now().getTime() } });
  await ack(ctx);
  await showCard(ctx, leadId, { edit: true, footer: ctx.crm.t.call.loggedJunk });
});

logCallFeature.on('message:text').filter(awaiting('call_next'), async (ctx) => {
  const pending = ctx.session.pending;
  if (pending?.kind !== 'call_next') return;
  const due = parseDueText(ctx.message.text, ctx.crm.deps.now(), ctx.crm.timeZone);
  if (!due) return void (await ctx.reply(ctx.crm.t.call.badDate));
  await finishCall(ctx, pending.leadId, pending.outcome as CallOutcome, due, false);
});

async function finishCall(ctx: BotContext, leadId: string, outcome: CallOutcome, dueAt: Date, edit: boolean) {
  const { t, timeZone, deps } = ctx.crm;
  await logCall(ctx.crm.core(), { leadId, outcome, next: { kind: 'call', dueAt } });
  awaitTypedInput(ctx.session, { pending: { kind: 'note', leadId, since: ctx.crm.deps.now().getTime() } });
  await ack(ctx);
  const next = formatDateTime(dueAt, t, timeZone, deps.now());
  await showCard(ctx, leadId, { edit, footer: t.call.logged({ next }) });
}
