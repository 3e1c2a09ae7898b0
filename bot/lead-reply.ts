import { InlineKeyboard } from 'grammy';
import { DUE_PRESETS } from '../src/core/activities/due-date.js';
import { getLeadView, type LeadAction } from '../src/core/leads/get-lead-view.js';
import { staleRecord } from '../src/core/shared/guarded-write.js';
import { pressAnswered } from './answer-press.js';
import { cb } from './callback-data.js';
import type { BotContext } from './context.js';
import { withOpenBoard } from './mini-app.js';
import { leadCardKeyboard, leadCardMessage } from './render/lead-card.js';

export interface ShowCardOptions {
  /** Replace the message the button was on instead of sending a new one. */
  edit?: boolean;
  header?: string;
  footer?: string;
  /** Buttons instead of the card's own (a step of a flow). */
  keyboard?: InlineKeyboard;
  /** The step needs this action; an outdated card without it is answered with the current card. */
  requires?: LeadAction;
}

/** Shows a lead card to the member who acted, as the core lets them see it. */
export async function showCard(ctx: BotContext, leadId: string, o: ShowCardOptions = {}): Promise<void> {
  const view = await getLeadView(ctx.crm.core(), leadId);
  if (o.requires && !view.actions.includes(o.requires)) throw staleRecord();
  const { t, timeZone, deps } = ctx.crm;
  const audience = ctx.chat?.type === 'private' ? 'private' : 'group';
  const cardOptions = { t, timeZone, now: deps.now(), audience, header: o.header, footer: o.footer } as const;
  const own = audience === 'private' && !o.keyboard ? leadCardKeyboard(view, cardOptions) : undefined;
  const keyboard = o.keyboard ?? (own ? withOpenBoard(own, ctx, `lead/${leadId}`) : undefined);
  const { text, options } = leadCardMessage(view, cardOptions, keyboard);
  if (o.edit && ctx.callbackQuery?.message) {
    await ctx.editMessageText(text, options).catch(ignoreNotModified);
  } else {
    await ctx.reply(text, options);
  }
}

/** Editing a message to the same text is an error in the Bot API, and harmless here. */
export function ignoreNotModified(e: unknown): void {
  if (!/message is not modified/i.test(String((e as Error)?.message))) throw e;
}

/** The next-step buttons: presets in one row and Cancel, each payload made by `data`. */
export function presetKeyboard(ctx: BotContext, data: (preset: string) => string, leadId: string): InlineKeyboard {
  const { t } = ctx.crm;
  const kb = new InlineKeyboard();
  for (const preset of DUE_PRESETS) kb.text(t.buttons.presets[preset], data(preset));
  return kb.row().text(t.buttons.cancel, cb.card(leadId));
}

/**
 * Answers the button press with a toast, or with an alert (`alert`) where it explains why nothing
 * happened. Telegram shows only the first answer of a press, so this answers only an unanswered
 * press. A press with nothing to say needs no call: it is answered once the handler is done
 * (answer-press.ts), which is why `text` is required.
 * Returns false when the press was already answered and `text` could not be shown.
 */
export async function ack(ctx: BotContext, text: string, o: { alert?: boolean } = {}): Promise<boolean> {
  if (!ctx.callbackQuery || !text) return true;
  if (pressAnswered(ctx)) return false;
  await ctx.answerCallbackQuery({ text: fitAnswer(text), ...(o.alert ? { show_alert: true } : {}) });
  return true;
}

/** Telegram refuses a press's answer over 200 characters (MESSAGE_TOO_LONG); a long product or client name is cut with "…". */
const ANSWER_CHARS = 200;
export function fitAnswer(text: string): string {
  const chars = [...text];
  return chars.length <= ANSWER_CHARS ? text : `${chars.slice(0, ANSWER_CHARS - 1).join('')}…`;
}

/** A text message the bot is waiting for (not a command), of the given pending kind. */
export function awaiting(kind: NonNullable<BotContext['session']['pending']>['kind']) {
  return (ctx: BotContext): boolean =>
    ctx.session.pending?.kind === kind && typeof ctx.message?.text === 'string' && !ctx.message.text.startsWith('/');
}
