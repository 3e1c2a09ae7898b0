import { Composer, InlineKeyboard } from 'grammy';
import { pattern } from '../callback-data.js';
import type { BotContext } from '../context.js';
import { ack } from '../lead-reply.js';

/**
 * The team chat is seen by everyone in it, so nothing private happens there: a command gets only
 * a pointer to the private chat (a deep link), and the only buttons served are Take on a card and
 * the owner's binding confirmation. Everything else in a group stops here: no records, no lists,
 * no invite links, and no lead card edited into a group message by a forged button.
 */
export const groupGuard = new Composer<BotContext>();
const group = groupGuard.filter((ctx) => ctx.chat !== undefined && ctx.chat.type !== 'private');

group.on('callback_query:data', async (ctx, next) => {
  const data = ctx.callbackQuery.data;
  if (pattern.take.test(data) || pattern.bindChat.test(data)) return next();
  await ack(ctx, ctx.crm.t.teamChat.notThisCard, { alert: true });
});

group.on('message', async (ctx, next) => {
  const entity = ctx.message.entities?.[0];
  const command = entity?.type === 'bot_command' && entity.offset === 0 ? ctx.message.text?.slice(1, entity.length).split('@')[0] : undefined;
  if (command === 'bindchat') return next();
  if (command === undefined) return;
  const url = `https://t.me/${ctx.me.username}?start=help`;
  await ctx.reply(ctx.crm.t.teamChat.usePrivate({ url }), {
    reply_markup: new InlineKeyboard().url(ctx.crm.t.teamChat.openPrivate, url),
    link_preview_options: { is_disabled: true },
    reply_parameters: { message_id: ctx.message.message_id, allow_sending_without_reply: true },
  });
});
