import { Composer } from 'grammy';
import { findForgotten, summarize } from '../../src/core/activities/find-forgotten.js';
import { localDateKey } from '../../src/core/shared/local-time.js';
import { activeMembers } from '../../src/core/team/team.js';
import type { BotContext } from '../context.js';
import { renderForgottenSummary } from '../render/forgotten.js';

/** `/audit`: the forgotten-lead sweep now, for the owner and heads, answered as the daily summary. */
export const auditFeature = new Composer<BotContext>();

auditFeature.command('audit', async (ctx) => {
  const { t, member, timeZone, deps } = ctx.crm;
  if (member?.role !== 'owner' && member?.role !== 'head') return void (await ctx.reply(t.forgotten.leadershipOnly));
  const core = ctx.crm.core();
  const summary = summarize(await findForgotten(core));
  const names = new Map((await activeMembers(core)).map((m) => [m.id, m.name]));
  const { text } = renderForgottenSummary(
    {
      ...summary,
      date: localDateKey(deps.now(), timeZone),
      timeZone,
      perMember: summary.perMember.map((p) => ({ ...p, name: names.get(p.memberId) ?? null })),
    },
    t,
  );
  await ctx.reply(text, { parse_mode: 'HTML', link_preview_options: { is_disabled: true } });
});
