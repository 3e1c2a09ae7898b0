import { Composer, type BotError } from 'grammy';
import { isCrmError, type CrmError } from '../../src/core/errors.js';
import { leadIdInData } from '../callback-data.js';
import type { BotContext } from '../context.js';
import { lookup, messages } from '../i18n.js';
import { ack, showCard } from '../lead-reply.js';

/**
 * The error boundary: every failure answers the member with a short sentence in their language.
 * A house rule is explained; a button on an outdated card (the lead moved on, or the action is no
 * longer allowed) is answered with the card as it is now. Unexpected errors are logged in full.
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
    const leadId = leadIdInData(ctx.callbackQuery?.data);
    if (leadId && isOutdated(e)) {
      await ack(ctx, e.code === 'CONFLICT' ? t.errorChanged : lookup(t.rules, e.details.rule ?? '', t.errorChanged));
      delete ctx.session.pending;
      return await showCard(ctx, leadId, { edit: true });
    }
    await say(ctx, sentenceFor(e, t));
  } catch (inner) {
    logUnexpected(ctx, inner);
  }
}

function isOutdated(e: CrmError): boolean {
  return e.code === 'CONFLICT' || (e.code === 'RULE' && ['lead_closed', 'take_first'].includes(e.details.rule ?? ''));
}

function sentenceFor(e: CrmError, t: ReturnType<typeof messages>): string {
  switch (e.code) {
    case 'FORBIDDEN':
      return t.errorForbidden;
    case 'NOT_FOUND':
      return t.errorNotFound;
    case 'VALIDATION':
      return t.errorValidation({ message: e.message });
    case 'CONFLICT':
      return t.errorChanged;
    default:
      return lookup(t.rules, e.details.rule ?? '', e.message);
  }
}

async function say(ctx: BotContext, text: string): Promise<void> {
  if (ctx.callbackQuery) return ack(ctx, text);
  if (ctx.chat) await ctx.reply(text);
}

function logUnexpected(ctx: BotContext, e: unknown): void {
  if (ctx.crm?.deps.config.LOG_LEVEL === 'silent') return;
  console.error(`bot: update ${ctx.update.update_id} failed`, e);
}

/** Text nobody was waiting for, in a private chat: a hint rather than silence. */
export const fallbackFeature = new Composer<BotContext>();
fallbackFeature.chatType('private').on('message:text', (ctx) => ctx.reply(ctx.crm.t.unknownInput));
