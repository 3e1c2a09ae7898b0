import { Composer } from 'grammy';
import { listMyLeads } from '../../src/core/leads/list-leads.js';
import { cb, pattern } from '../callback-data.js';
import type { BotContext } from '../context.js';
import { leadListKeyboard } from '../render/lead-list.js';

/** `/leads`: my open leads by next step, overdue first with a marker, ten a page. */
export const leadsListFeature = new Composer<BotContext>();
const PAGE = 10;

async function page(ctx: BotContext, offset: number) {
  const { t, timeZone, deps } = ctx.crm;
  const list = await listMyLeads(ctx.crm.core(), { offset, limit: PAGE });
  if (list.total === 0) return { text: t.leads.empty, options: {} };
  const kb = leadListKeyboard(list.items, { t, timeZone, now: deps.now() });
  const prev = offset > 0;
  const next = offset + PAGE < list.total;
  if (prev) kb.text(t.buttons.prev, cb.leadsPage(Math.max(offset - PAGE, 0)));
  if (next) kb.text(t.buttons.next, cb.leadsPage(offset + PAGE));
  const pages = Math.ceil(list.total / PAGE);
  const suffix = pages > 1 ? ` (${Math.floor(offset / PAGE) + 1}/${pages})` : '';
  return { text: `${t.leads.title({ total: list.total })}${suffix}`, options: { reply_markup: kb } };
}

leadsListFeature.command('leads', async (ctx) => {
  const { text, options } = await page(ctx, 0);
  await ctx.reply(text, options);
});

leadsListFeature.callbackQuery(pattern.leadsPage, async (ctx) => {
  const { text, options } = await page(ctx, Number(ctx.match[1]));
  await ctx.editMessageText(text, options);
});
