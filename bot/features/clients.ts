import { Composer, Keyboard } from 'grammy';
import type { Message } from 'grammy/types';
import { languageFromTelegram } from '../../src/core/team/accept-invite.js';
import { clientActor, type ClientLeadRef } from '../../src/core/clients/client-lead.js';
import type { ChatMessage } from '../../src/core/clients/message-trace.js';
import { receiveClientMessage } from '../../src/core/clients/receive-client-message.js';
import { recordRelay } from '../../src/core/clients/reply-to-client.js';
import { shareClientPhone } from '../../src/core/clients/share-client-phone.js';
import { clientSourceOf, startClientChat } from '../../src/core/clients/start-client-chat.js';
import { memberById } from '../../src/core/team/member-by-telegram.js';
import type { AppDeps } from '../../src/app-deps.js';
import type { Api } from 'grammy';
import { chatMessageOf, personLabel, personOf } from '../client-message.js';
import { relayExcerptToTeam, relayToManager } from '../client-relay.js';
import type { BotContext } from '../context.js';
import { messages } from '../i18n.js';

/** Team invite codes (create-invite.ts): 16 of [a-z2-9]. Anything else after /start is a client's link. */
const INVITE_CODE = /^[a-z2-9]{16}$/;

/**
 * Somebody who is not on the team, in a private chat with the bot, is a client. They are greeted,
 * get a lead, and what they write reaches the lead's manager. They never see a team command, a card
 * or any CRM data: commands and buttons get one neutral sentence. The one way onto the team stays
 * `/start <invite code>`, handled by the start feature. Deactivated members keep their refusal.
 */
export const clientsFeature = new Composer<BotContext>();

clientsFeature.use(async (ctx, next) => {
  if (ctx.crm.member || !ctx.from) return next();
  const fromPrivateChat = ctx.chat?.type === 'private' || (ctx.callbackQuery && ctx.callbackQuery.message?.chat.type !== 'group' && ctx.callbackQuery.message?.chat.type !== 'supergroup');
  if (!fromPrivateChat) return next();
  const t = ctx.crm.t;
  if (ctx.callbackQuery) return void (await ctx.answerCallbackQuery({ text: t.clients.neutral }));
  const message = ctx.message;
  if (!message) return;
  const command = commandOf(message);
  if (command?.name === 'start' && INVITE_CODE.test(command.payload)) return next();
  if (command?.name === 'start') return greet(ctx, command.payload);
  if (command) return void (await ctx.reply(t.clients.neutral));
  if (message.contact) return sharePhone(ctx, message);
  const chatMessage = chatMessageOf(message);
  if (!chatMessage) return void (await ctx.reply(t.clients.neutral));
  await receive(ctx, chatMessage);
});

function commandOf(m: Message): { name: string; payload: string } | null {
  const entity = m.entities?.[0];
  if (!m.text || entity?.type !== 'bot_command' || entity.offset !== 0) return null;
  const name = m.text.slice(1, entity.length).split('@')[0]!.toLowerCase();
  return { name, payload: m.text.slice(entity.length).trim() };
}

async function greet(ctx: BotContext, payload: string): Promise<void> {
  const { deps } = ctx.crm;
  const person = personOf(ctx.from!);
  await startClientChat(deps.core(clientActor(person)), person, clientSourceOf(payload));
  const lang = languageFromTelegram(person.languageCode, deps.config.DEFAULT_LANGUAGE);
  const t = messages(lang);
  const greeting = (lang === 'ru' ? deps.config.CLIENT_GREETING_RU : deps.config.CLIENT_GREETING_EN) ?? t.clients.greeting;
  if (!deps.config.CLIENT_ASK_PHONE) return void (await ctx.reply(greeting));
  await ctx.reply(`${greeting}\n\n${t.clients.askPhone}`, {
    reply_markup: new Keyboard().requestContact(t.clients.sharePhone).resized().oneTime(),
  });
}

async function sharePhone(ctx: BotContext, message: Message): Promise<void> {
  const t = ctx.crm.t;
  // Only their own number, as the button sends it; a forwarded contact card is somebody else's.
  if (message.contact!.user_id !== ctx.from!.id) return void (await ctx.reply(t.clients.neutral));
  const person = personOf(ctx.from!);
  await shareClientPhone(ctx.crm.deps.core(clientActor(person)), person, message.contact!.phone_number);
  await ctx.reply(t.clients.phoneThanks, { reply_markup: { remove_keyboard: true } });
}

async function receive(ctx: BotContext, m: ChatMessage): Promise<void> {
  const { deps } = ctx.crm;
  const person = personOf(ctx.from!);
  const got = await receiveClientMessage(deps.core(clientActor(person)), person, { kind: 'bot' }, m);
  if (got.duplicate) return;
  await relay(deps, ctx.api, got.lead, personLabel(person), m, got.messageId);
}

/** To the lead's manager in private; a pool lead's message to the team chat as a masked excerpt. */
async function relay(deps: AppDeps, api: Api, lead: ClientLeadRef, from: string, m: ChatMessage, messageId: string | null): Promise<void> {
  const manager = lead.assigneeId ? await memberById(deps, lead.assigneeId) : null;
  if (manager?.active) {
    const copies = await relayToManager(api, manager, lead, from, m);
    await recordRelay(deps, lead.id, messageId, copies);
    return;
  }
  if (deps.config.LEADS_CHAT_ID !== undefined) await relayExcerptToTeam(api, deps.config.LEADS_CHAT_ID, deps.config.DEFAULT_LANGUAGE, lead, m);
}
