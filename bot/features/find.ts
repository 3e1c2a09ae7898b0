import { Composer } from 'grammy';
import { findLeads } from '../../src/core/find-leads.js';
import type { BotContext } from '../context.js';
import { showCard } from '../lead-reply.js';
import { leadListKeyboard } from '../render/lead-list.js';

/** `/find <text>`: one match opens its card, several give a list of buttons. */
export const findFeature = new Composer<BotContext>();

findFeature.command('find', async (ctx) => {
  const { t, timeZone, deps } = ctx.crm;
  const query = ctx.match.trim();
  if (!query) return void (await ctx.reply(t.find.usage));
  const found = await findLeads(ctx.crm.core(), query);
  if (found.length === 0) return void (await ctx.reply(t.find.none));
  if (found.length === 1) return showCard(ctx, found[0]!.id);
  const kb = leadListKeyboard(found.map((lead) => ({ lead })), { t, timeZone, now: deps.now() });
  await ctx.reply(t.find.title({ count: found.length }), { reply_markup: kb });
});
