import { Composer } from 'grammy';
import { acceptInvite } from '../../src/core/team/accept-invite.js';
import { systemActor } from '../../src/core/shared/context.js';
import { isCrmError } from '../../src/core/shared/errors.js';
import { helpText, refreshMemberMenu } from '../commands.js';
import type { BotContext } from '../context.js';
import { lookup, messages } from '../i18n.js';

/**
 * `/start CODE` joins the team (the link from /invite or the code from `npm run crm -- owner invite`);
 * it is the one thing a stranger can do. Plain `/start` and `/help` show what the bot does.
 */
export const startFeature = new Composer<BotContext>();
const privateChat = startFeature.chatType('private');

privateChat.command('start', async (ctx) => {
  const code = ctx.match.trim();
  const { member, deps } = ctx.crm;
  if (!code || member?.active) {
    if (!member?.active) return void (await ctx.reply(member ? ctx.crm.t.inactive : ctx.crm.t.stranger));
    return void (await ctx.reply(helpText(ctx.crm.t, member.role)));
  }
  try {
    const joined = await acceptInvite(deps.core({ ...systemActor, label: 'invite' }), {
      code,
      telegramId: ctx.from.id,
      chatId: ctx.chat.id,
      name: [ctx.from.first_name, ctx.from.last_name].filter(Boolean).join(' '),
      username: ctx.from.username ?? null,
      languageCode: ctx.from.language_code ?? null,
    });
    await refreshMemberMenu(ctx, { chatId: ctx.chat.id, role: joined.role, language: joined.language });
    const t = messages(joined.language);
    await ctx.reply(`${t.welcome({ name: joined.name, role: t.roles[joined.role] })}\n\n${helpText(t, joined.role)}`);
  } catch (e) {
    if (!isCrmError(e, 'RULE')) throw e;
    await ctx.reply(lookup(ctx.crm.t.rules, e.details.rule ?? '', e.message));
  }
});

/** Any other text from a stranger in a private chat lands in the gate's refusal, not here. */
export const helpFeature = new Composer<BotContext>();
helpFeature.command('help', (ctx) => ctx.reply(helpText(ctx.crm.t, ctx.crm.member?.role)));
