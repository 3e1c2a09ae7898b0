import type { Middleware } from 'grammy';
import type { BotContext } from './context.js';

/**
 * Telegram takes one answer per button press: a second answerCallbackQuery is refused ("query is
 * too old ... or query ID is invalid"), so whatever it said is never shown. This outermost
 * middleware keeps count: handlers and the error boundary answer through `ack` (lead-reply.ts),
 * which says something only if the press is still unanswered, and a press the handler left
 * unanswered gets an empty answer here at the end, which stops the button's spinner.
 */
const answeredPresses = new WeakSet<object>();

export const answerPressOnce: Middleware<BotContext> = async (ctx, next) => {
  if (!ctx.callbackQuery) return next();
  const answer = ctx.answerCallbackQuery.bind(ctx);
  ctx.answerCallbackQuery = (...args: Parameters<typeof answer>) => {
    answeredPresses.add(ctx);
    return answer(...args);
  };
  try {
    await next();
  } finally {
    // The press may be too old by now (Telegram waits about 15 s); nothing else to tell then.
    if (!answeredPresses.has(ctx)) await ctx.answerCallbackQuery().catch(() => undefined);
  }
};

/** Whether this press already has its one answer. */
export function pressAnswered(ctx: BotContext): boolean {
  return answeredPresses.has(ctx);
}
