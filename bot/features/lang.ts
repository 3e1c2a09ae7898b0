import { Composer, InlineKeyboard } from 'grammy';
import type { Language } from '../../db/enums.js';
import { setMemberLanguage } from '../../src/core/team/set-member-language.js';
import { cb, pattern } from '../callback-data.js';
import { helpText, refreshMemberMenu } from '../commands.js';
import type { BotContext } from '../context.js';
import { messages } from '../i18n.js';

/** `/lang`: switch between Russian and English; the choice is stored on the member. */
export const langFeature = new Composer<BotContext>();

langFeature.command('lang', async (ctx) => {
  const kb = new InlineKeyboard().text('Русский', cb.lang('ru')).text('English', cb.lang('en'));
  await ctx.reply(ctx.crm.t.lang.choose, { reply_markup: kb });
});

langFeature.callbackQuery(pattern.lang, async (ctx) => {
  const lang = ctx.match[1] as Language;
  await setMemberLanguage(ctx.crm.core(), lang);
  const member = ctx.crm.member;
  if (member) await refreshMemberMenu(ctx, { chatId: member.chatId, role: member.role, language: lang });
  const t = messages(lang);
  await ctx.editMessageText(`${t.lang.changed}\n\n${helpText(t, ctx.crm.member?.role)}`);
});
