import { Composer, InlineKeyboard } from 'grammy';
import type { Role } from '../../db/enums.js';
import { createInvite, INVITE_TTL_MS } from '../../src/core/team/create-invite.js';
import { cb, pattern } from '../callback-data.js';
import type { BotContext } from '../context.js';

/** `/invite`: the owner or a head picks a role by button and gets a one-time t.me link. */
export const inviteFeature = new Composer<BotContext>();

/** Roles this member may hand out; createInvite enforces the same rule. */
function invitable(role: Role | undefined): Role[] {
  if (role === 'owner') return ['manager', 'head'];
  if (role === 'head') return ['manager'];
  return [];
}

inviteFeature.command('invite', async (ctx) => {
  const { t, member } = ctx.crm;
  const roles = invitable(member?.role);
  if (roles.length === 0) return void (await ctx.reply(t.rules.leadership_only));
  const kb = new InlineKeyboard();
  for (const role of roles) kb.text(t.roles[role], cb.invite(role));
  await ctx.reply(t.invite.chooseRole, { reply_markup: kb });
});

inviteFeature.callbackQuery(pattern.invite, async (ctx) => {
  const role = ctx.match[1] as Role;
  const { t } = ctx.crm;
  const invite = await createInvite(ctx.crm.core(), role);
  const url = `https://t.me/${ctx.me.username}?start=${invite.code}`;
  await ctx.editMessageText(t.invite.link({ role: t.roles[role], url, hours: INVITE_TTL_MS / 3_600_000 }), {
    link_preview_options: { is_disabled: true },
  });
});
