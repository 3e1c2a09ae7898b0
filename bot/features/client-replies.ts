import { Composer } from 'grammy';
import { findReplyRoute, markClientBlocked, recordClientReply } from '../../src/core/clients/reply-to-client.js';
import { chatMessageOf } from '../client-message.js';
import { isBlockedByUser, sendToClient } from '../client-relay.js';
import type { BotContext } from '../context.js';

/**
 * A manager answers a client by replying to the client's relayed message in their private chat with
 * the bot: the answer (text, photo, document, voice) goes to the client and onto the lead's timeline.
 * A reply to anything else goes on to the card-note features.
 */
export const clientRepliesFeature = new Composer<BotContext>();

clientRepliesFeature
  .chatType('private')
  .on('message')
  .filter(
    (ctx) => ctx.message.reply_to_message?.from?.id === ctx.me.id && !ctx.message.text?.startsWith('/'),
    async (ctx, next) => {
      const replied = ctx.message.reply_to_message!;
      const core = ctx.crm.core();
      const route = await findReplyRoute(core, { chatId: ctx.chat.id, messageId: replied.message_id });
      if (!route) return next();
      const t = ctx.crm.t;
      const answer = chatMessageOf(ctx.message);
      if (!answer) return void (await ctx.reply(t.clients.unsupported));
      let sentId: number | null;
      try {
        sentId = await sendToClient(ctx.api, route.clientChatId, answer);
      } catch (e) {
        if (!isBlockedByUser(e)) throw e;
        await markClientBlocked(core, { leadId: route.leadId, clientTelegramId: route.clientChatId });
        return void (await ctx.reply(t.clients.blocked({ number: route.number })));
      }
      await recordClientReply(core, {
        leadId: route.leadId,
        clientTelegramId: route.clientChatId,
        channel: { kind: 'bot' },
        // Telegram always returns the sent message; the manager's own message id stands in if it did not.
        message: { ...answer, chatId: route.clientChatId, messageId: sentId ?? -ctx.message.message_id },
      });
      await ctx.reply(t.clients.delivered, { reply_parameters: { message_id: ctx.message.message_id } });
    },
  );
