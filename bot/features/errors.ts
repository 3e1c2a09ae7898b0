import { Composer, type BotError } from 'grammy';
import { isCrmError, type CrmError } from '../../src/core/shared/errors.js';
import { isActivityCallback } from '../activity-callback-data.js';
import { leadIdOfCallback } from '../callback-data.js';
import type { BotContext } from '../context.js';
import { dealOfCard } from '../deal-card-of.js';
import { dealIdOfCallback, leadIdOfConvertCallback } from '../deal-callback-data.js';
import { showDeal } from '../deal-reply.js';
import { lookup, messages, type Messages } from '../i18n.js';
import { ack, showCard } from '../lead-reply.js';

/** What a failed button was about, read from its payload by each side's own parser. */
type Subject = { kind: 'lead'; id: string } | { kind: 'deal'; id: string } | { kind: 'activity' } | { kind: 'other' } | null;

/**
 * The error boundary: every failure answers the member with a short sentence in their language.
 * A house rule is explained; a button on an outdated lead or deal card (the record moved on, or the
 * action is no longer allowed) is answered with that card as it is now. Unexpected errors are logged in full.
 */
export async function explainError(err: BotError<BotContext>): Promise<void> {
  const ctx = err.ctx;
  const e = err.error;
  const t = ctx.crm?.t ?? messages('en');
  try {
    if (!isCrmError(e)) {
      logUnexpected(ctx, e);
      return await say(ctx, t.errorGeneric);
    }
    const subject = subjectOf(ctx.callbackQuery?.data) ?? typedSubject(ctx);
    if (subject?.kind === 'lead' && isOutdated(e, ['lead_closed', 'take_first'])) {
      await say(ctx, e.code === 'CONFLICT' ? t.errorChanged : lookup(t.rules, e.details.rule ?? '', t.errorChanged));
      delete ctx.session.pending;
      return await showCard(ctx, subject.id, { edit: true });
    }
    if (subject?.kind === 'deal' && isOutdated(e, ['deal_closed'])) {
      await say(ctx, e.code === 'CONFLICT' ? t.deal.changed : lookup(t.rules, e.details.rule ?? '', t.deal.changed));
      delete ctx.session.dealInput;
      return await showDeal(ctx, subject.id, { edit: true });
    }
    await say(ctx, sentenceFor(e, t, subject));
  } catch (inner) {
    logUnexpected(ctx, inner);
  }
}

function subjectOf(data: string | undefined): Subject {
  if (data === undefined) return null;
  const leadId = leadIdOfCallback(data) ?? leadIdOfConvertCallback(data);
  if (leadId) return { kind: 'lead', id: leadId };
  const dealId = dealIdOfCallback(data);
  if (dealId) return { kind: 'deal', id: dealId };
  return isActivityCallback(data) ? { kind: 'activity' } : { kind: 'other' };
}

/** A typed note about a deal (a reply to its card, or after its Note button) is refused in deal words. */
function typedSubject(ctx: BotContext): Subject {
  const input = ctx.session?.dealInput;
  const dealId = dealOfCard(ctx.message?.reply_to_message) ?? (input?.kind === 'deal_note' ? input.dealId : null);
  return dealId ? { kind: 'deal', id: dealId } : null;
}

function isOutdated(e: CrmError, rules: string[]): boolean {
  return e.code === 'CONFLICT' || (e.code === 'RULE' && rules.includes(e.details.rule ?? ''));
}

/** Refusals name the kind of record; a typed message (no button) keeps the lead wording, as most typed input is about leads. */
function sentenceFor(e: CrmError, t: Messages, subject: Subject): string {
  switch (e.code) {
    case 'FORBIDDEN':
      if (subject?.kind === 'deal') return t.deal.forbidden;
      if (subject?.kind === 'activity') return t.activity.forbidden;
      return subject?.kind === 'other' ? t.errorForbiddenAny : t.errorForbidden;
    case 'NOT_FOUND':
      return subject?.kind === 'activity' ? t.activity.gone : t.errorNotFound;
    case 'VALIDATION':
      return t.errorValidation({ message: e.message });
    case 'CONFLICT':
      if (subject?.kind === 'activity') return t.activity.alreadyDone;
      return subject?.kind === 'deal' ? t.deal.changed : t.errorChanged;
    default:
      return lookup(t.rules, e.details.rule ?? '', e.message);
  }
}

/**
 * A refusal is the press's own answer, as an alert so it is read; if the press was already
 * answered (a handler acknowledged it before failing), it becomes a message instead of a second
 * answer that Telegram would refuse.
 */
async function say(ctx: BotContext, text: string): Promise<void> {
  if (ctx.callbackQuery && (await ack(ctx, text, { alert: true }))) return;
  if (ctx.chat) await ctx.reply(text);
}

function logUnexpected(ctx: BotContext, e: unknown): void {
  const log = ctx.crm?.deps.log;
  if (log) log.error(`bot: update ${ctx.update.update_id} failed`, e);
  else console.error(`bot: update ${ctx.update.update_id} failed`, e instanceof Error ? e.message : e);
}

/** Text nobody was waiting for, in a private chat: a hint rather than silence. */
export const fallbackFeature = new Composer<BotContext>();
fallbackFeature.chatType('private').on('message:text', (ctx) => ctx.reply(ctx.crm.t.unknownInput));
