import { Composer, InlineKeyboard } from 'grammy';
import type { InlineKeyboardMarkup, Message } from 'grammy/types';
import { loadActivity } from '../../src/core/activities/activity-target.js';
import { completeActivity } from '../../src/core/activities/complete-activity.js';
import { DUE_PRESETS } from '../../src/core/activities/due-date.js';
import { isCrmError } from '../../src/core/shared/errors.js';
import { rescheduleActivity } from '../../src/core/activities/reschedule-activity.js';
import { snoozeActivity } from '../../src/core/activities/snooze-activity.js';
import { acb, apattern } from '../activity-callback-data.js';
import { RESCHEDULE_WINDOW_MS } from '../activity-input.js';
import type { BotContext } from '../context.js';
import { formatDateTime, lookup } from '../i18n.js';
import { ack } from '../lead-reply.js';
import { presetDueAt, typedDueAt } from '../next-step-due.js';
import { subjectText } from '../render/agenda-line.js';
import { awaitTypedInput } from '../typed-input.js';

/**
 * Done / Snooze 30 min / Reschedule on reminders and morning lists. Each tap calls one use case and
 * changes the message it was on: the activity's buttons go, a reminder gets a status line. When
 * "Done" would leave an open lead without a next step, the next step is asked for in a reply.
 */
export const activityActionsFeature = new Composer<BotContext>();

activityActionsFeature.callbackQuery(apattern.done, (ctx) =>
  explained(ctx, async () => {
    const id = ctx.match[1]!;
    const { t } = ctx.crm;
    try {
      const result = await completeActivity(ctx.crm.core(), { activityId: id });
      await ack(ctx, result.alreadyDone ? t.activity.alreadyDone : t.activity.done);
      await settle(ctx, ctx.callbackQuery.message, id, t.activity.done);
    } catch (e) {
      if (!isCrmError(e, 'RULE') || e.details.rule !== 'next_activity_required') throw e;
      await ctx.reply(t.rules.next_activity_required, {
        reply_markup: presets(ctx, (p) => acb.doneNext(id, p)),
        ...replyTo(ctx.callbackQuery.message),
      });
    }
  }),
);

activityActionsFeature.callbackQuery(apattern.doneNext, (ctx) =>
  explained(ctx, async () => {
    const [, id, preset] = ctx.match as unknown as [string, string, string];
    const dueAt = presetDueAt(ctx, preset);
    if (!dueAt) return;
    const { t, timeZone, deps } = ctx.crm;
    await completeActivity(ctx.crm.core(), { activityId: id, next: { kind: 'call', dueAt } });
    const line = t.activity.doneWithNext({ time: formatDateTime(dueAt, t, timeZone, deps.now()) });
    await ack(ctx, line);
    await ctx.editMessageText(line).catch(() => undefined);
    // The list or reminder this reply answered loses the done activity's buttons too.
    await settle(ctx, ctx.callbackQuery.message?.reply_to_message, id, t.activity.done);
  }),
);

activityActionsFeature.callbackQuery(apattern.snooze, (ctx) =>
  explained(ctx, async () => {
    const id = ctx.match[1]!;
    const { t, timeZone, deps } = ctx.crm;
    const moved = await snoozeActivity(ctx.crm.core(), { activityId: id });
    const line = t.activity.snoozed({ time: formatDateTime(moved.dueAt, t, timeZone, deps.now()) });
    await ack(ctx, line);
    // A new reminder comes for the new time; this one is finished.
    await settle(ctx, ctx.callbackQuery.message, id, line);
  }),
);

activityActionsFeature.callbackQuery(apattern.reschedule, (ctx) =>
  explained(ctx, async () => {
    const id = ctx.match[1]!;
    const { activity } = await loadActivity(ctx.crm.core(), id);
    const prompt = await ctx.reply(ctx.crm.t.activity.chooseTime({ what: subjectText(activity.subject, ctx.crm.t) }), {
      reply_markup: presets(ctx, (p) => acb.reschedulePreset(id, p)),
      ...replyTo(ctx.callbackQuery.message),
    });
    // A typed date answers the question as well as a preset does.
    const since = ctx.crm.deps.now().getTime();
    awaitTypedInput(ctx.session, { activityInput: { kind: 'reschedule', activityId: id, promptId: prompt.message_id, since } });
  }),
);

activityActionsFeature.callbackQuery(apattern.reschedulePreset, (ctx) =>
  explained(ctx, async () => {
    const [, id, preset] = ctx.match as unknown as [string, string, string];
    const dueAt = presetDueAt(ctx, preset);
    if (!dueAt) return;
    const { t, timeZone, deps } = ctx.crm;
    if (ctx.session.activityInput?.activityId === id) delete ctx.session.activityInput;
    const moved = await rescheduleActivity(ctx.crm.core(), { activityId: id, dueAt });
    const line = t.activity.rescheduled({ time: formatDateTime(moved.dueAt, t, timeZone, deps.now()) });
    await ack(ctx, line);
    await ctx.editMessageText(line).catch(() => undefined);
  }),
);

activityActionsFeature.on('message:text').filter(
  (ctx) => ctx.session.activityInput?.kind === 'reschedule' && !ctx.message.text.startsWith('/'),
  (ctx, next) =>
    explained(ctx, async () => {
      const input = ctx.session.activityInput!;
      const { t, timeZone, deps } = ctx.crm;
      if (deps.now().getTime() - input.since > RESCHEDULE_WINDOW_MS) {
        delete ctx.session.activityInput;
        return next();
      }
      const dueAt = await typedDueAt(ctx, ctx.message.text);
      if (!dueAt) return;
      delete ctx.session.activityInput;
      const moved = await rescheduleActivity(ctx.crm.core(), { activityId: input.activityId, dueAt });
      const line = t.activity.rescheduled({ time: formatDateTime(moved.dueAt, t, timeZone, deps.now()) });
      // The question loses its presets, as after a tap; the answer is a reply the member sees at once.
      await ctx.api.editMessageText(ctx.chat.id, input.promptId, line).catch(() => undefined);
      await ctx.reply(line);
    }),
);

function presets(ctx: BotContext, data: (preset: string) => string): InlineKeyboard {
  const kb = new InlineKeyboard();
  for (const preset of DUE_PRESETS) kb.text(ctx.crm.t.buttons.presets[preset], data(preset));
  return kb;
}

const replyTo = (message: Message | undefined) =>
  message ? { reply_parameters: { message_id: message.message_id, allow_sending_without_reply: true } } : {};

/**
 * Takes the activity's buttons off the message; a reminder (the message with its Snooze button)
 * also gets a status line appended, keeping its formatting by reusing the entities.
 */
async function settle(ctx: BotContext, message: Message | undefined, activityId: string, status: string): Promise<void> {
  if (!message || !ctx.chat) return;
  const markup = message.reply_markup;
  const rest: InlineKeyboardMarkup = {
    inline_keyboard: (markup?.inline_keyboard ?? [])
      .map((row) => row.filter((b) => !('callback_data' in b && b.callback_data?.includes(activityId))))
      .filter((row) => row.length > 0),
  };
  const isReminder = markup?.inline_keyboard.some((row) => row.some((b) => 'callback_data' in b && b.callback_data === acb.snooze(activityId)));
  if (isReminder && message.text) {
    await ctx.api
      .editMessageText(ctx.chat.id, message.message_id, `${message.text}\n\n${status}`, {
        ...(message.entities ? { entities: message.entities } : {}),
        reply_markup: rest,
      })
      .catch(() => undefined);
  } else {
    await ctx.api.editMessageReplyMarkup(ctx.chat.id, message.message_id, { reply_markup: rest }).catch(() => undefined);
  }
}

/**
 * The house's errors answered here, next to the buttons they are about; the shared boundary
 * answers an activity's button the same way should anything slip past.
 */
async function explained(ctx: BotContext, run: () => Promise<unknown>): Promise<void> {
  const { t } = ctx.crm;
  try {
    await run();
  } catch (e) {
    if (!isCrmError(e)) throw e;
    const text =
      e.code === 'FORBIDDEN' ? t.activity.forbidden
      : e.code === 'NOT_FOUND' ? t.activity.gone
      : e.code === 'CONFLICT' ? t.activity.alreadyDone
      : e.code === 'VALIDATION' ? t.errorValidation({ message: e.message })
      : lookup(t.rules, e.details.rule ?? '', e.message);
    // A button's error is a toast; a typed answer's is a reply.
    if (ctx.callbackQuery) await ack(ctx, text);
    else await ctx.reply(text);
  }
}
