import type { Middleware } from 'grammy';
import type { AppDeps } from '../src/app-deps.js';
import { languageFromTelegram } from '../src/core/team/accept-invite.js';
import { forbidden } from '../src/core/shared/errors.js';
import { memberActor, memberByTelegram } from '../src/core/team/member-by-telegram.js';
import type { BotContext } from './context.js';
import { messages } from './i18n.js';

/** Looks up who is writing and settles the language and time zone every reply uses. */
export function crmMiddleware(deps: AppDeps): Middleware<BotContext> {
  return async (ctx, next) => {
    const member = ctx.from ? await memberByTelegram(deps, ctx.from.id) : null;
    const lang = member?.language ?? languageFromTelegram(ctx.from?.language_code, deps.config.DEFAULT_LANGUAGE);
    ctx.crm = {
      deps,
      member,
      lang,
      t: messages(lang),
      timeZone: member?.timeZone ?? deps.config.DEFAULT_TIME_ZONE,
      core: () => {
        if (!member?.active) throw forbidden('Only team members can do this');
        return deps.core(memberActor(member));
      },
    };
    await next();
  };
}

/**
 * Everything after this needs an active team member. A stranger gets a polite refusal in a
 * private chat and sees no data; in the team chat non-members are ignored rather than answered.
 */
export const teamOnly: Middleware<BotContext> = async (ctx, next) => {
  const { member, t } = ctx.crm;
  if (member?.active) return next();
  if (ctx.callbackQuery) {
    await ctx.answerCallbackQuery({ text: t.strangerButton, show_alert: true });
    return;
  }
  if (ctx.chat?.type === 'private' && ctx.message) await ctx.reply(member ? t.inactive : t.stranger);
};
