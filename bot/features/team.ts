import { Composer, InlineKeyboard } from 'grammy';
import { ROLES, type Role } from '../../db/enums.js';
import { deactivateMember } from '../../src/core/team/deactivate-member.js';
import { listTeam } from '../../src/core/team/list-team.js';
import { memberById } from '../../src/core/team/member-by-telegram.js';
import { setMemberRole } from '../../src/core/team/set-member-role.js';
import { forbidden, notFound } from '../../src/core/shared/errors.js';
import { cb, pattern } from '../callback-data.js';
import type { BotContext } from '../context.js';
import { escapeHtml } from '../i18n.js';
import { ack } from '../lead-reply.js';
import { removeFromTeamChat } from '../team-chat.js';
import { forgetMemberCommands, refreshMemberMenu } from '../commands.js';

/** `/team`: the team with each member's load; the owner changes roles and deactivates members. */
export const teamFeature = new Composer<BotContext>();

/** Team data is for the owner and heads; a manager gets a sentence, the callbacks get nothing. */
const leadership = (ctx: BotContext) => ctx.crm.member?.role === 'owner' || ctx.crm.member?.role === 'head';
const ownerOnly = teamFeature.filter((ctx) => ctx.crm.member?.role === 'owner');

async function teamMessage(ctx: BotContext) {
  const { t, member } = ctx.crm;
  const team = await listTeam(ctx.crm.core());
  const lines = team.map(({ member: m, openLeads, overdueActivities }) => {
    const line = t.team.line({ name: escapeHtml(m.name), role: t.roles[m.role], open: openLeads, overdue: overdueActivities });
    return m.active ? line : `<s>${line}</s> (${t.team.inactive})`;
  });
  const kb = new InlineKeyboard();
  // Only the owner gets buttons, and not on their own line.
  if (member?.role === 'owner') {
    for (const { member: m } of team) if (m.active && m.id !== member.id) kb.text(m.name, cb.member(m.id)).row();
  }
  return { text: `<b>${t.team.title}</b>\n${lines.join('\n')}`, options: { parse_mode: 'HTML' as const, reply_markup: kb } };
}

teamFeature.command('team', async (ctx) => {
  if (!leadership(ctx)) return void (await ctx.reply(ctx.crm.t.rules.leadership_only));
  const { text, options } = await teamMessage(ctx);
  await ctx.reply(text, options);
});

ownerOnly.callbackQuery(pattern.member, async (ctx) => {
  const { t } = ctx.crm;
  const target = await memberById(ctx.crm.core(), ctx.match[1]!);
  if (!target) throw notFound('Member');
  const kb = new InlineKeyboard();
  for (const role of ROLES) if (role !== target.role && role !== 'owner') kb.text(t.team.makeRole({ role: t.roles[role] }), cb.memberRole(target.id, role)).row();
  kb.text(t.team.deactivate, cb.memberDeactivate(target.id));
  await ctx.editMessageText(t.team.chooseAction({ name: target.name }), { reply_markup: kb });
});

ownerOnly.callbackQuery(pattern.memberRole, async (ctx) => {
  const [, memberId, role] = ctx.match;
  const { t } = ctx.crm;
  await setMemberRole(ctx.crm.core(), memberId!, role as Role);
  const target = await memberById(ctx.crm.core(), memberId!);
  // Their menu follows the new role (a head gets /team, a manager loses it).
  if (target) await refreshMemberMenu(ctx, target);
  await ack(ctx, t.team.roleChanged({ name: target?.name ?? '', role: t.roles[role as Role] }));
  const { text, options } = await teamMessage(ctx);
  await ctx.editMessageText(text, options);
});

ownerOnly.callbackQuery(pattern.memberDeactivate, async (ctx) => {
  const { t } = ctx.crm;
  const target = await memberById(ctx.crm.core(), ctx.match[1]!);
  if (!target) throw notFound('Member');
  const kb = new InlineKeyboard().text(t.team.yes, cb.memberDeactivateYes(target.id)).text(t.buttons.cancel, 'tl');
  await ctx.editMessageText(t.team.confirmDeactivate({ name: target.name }), { reply_markup: kb });
});

ownerOnly.callbackQuery(pattern.memberDeactivateYes, async (ctx) => {
  const { t } = ctx.crm;
  const target = await memberById(ctx.crm.core(), ctx.match[1]!);
  if (!target) throw notFound('Member');
  const { returnedLeads } = await deactivateMember(ctx.crm.core(), target.id);
  await forgetMemberCommands(ctx.api, target.chatId).catch((e: unknown) => ctx.crm.deps.log.warn(`bot: deleteMyCommands for chat ${target.chatId} failed`, e));
  // Leaving the team means leaving the team chat, where new leads are shown.
  const removal = await removeFromTeamChat(ctx.api, ctx.crm.deps, target.telegramId);
  const chatLine = removal === 'removed' ? t.teamChat.removedFromChat({ name: target.name }) : removal === 'by_hand' ? t.teamChat.alerts.remove_by_hand({ name: target.name }) : null;
  const { text, options } = await teamMessage(ctx);
  const head = [t.team.deactivated({ name: target.name, count: returnedLeads }), ...(chatLine ? [chatLine] : [])].map(escapeHtml).join('\n');
  await ctx.editMessageText(`${head}\n\n${text}`, options);
});

/** Cancel on the confirmation goes back to the list. */
ownerOnly.callbackQuery('tl', async (ctx) => {
  const { text, options } = await teamMessage(ctx);
  await ctx.editMessageText(text, options);
});

/**
 * The same buttons pressed by anyone else (a forged payload, or a stale one after a role change) get
 * a refusal from the error boundary instead of a spinner that never stops; the core refuses the writes too.
 */
teamFeature.callbackQuery([pattern.member, pattern.memberRole, pattern.memberDeactivate, pattern.memberDeactivateYes, 'tl'], () => {
  throw forbidden('Only the owner changes roles and deactivates members');
});
