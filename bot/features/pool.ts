import { Composer, InlineKeyboard } from 'grammy';
import { listPool, POOL_PAGE_SIZE } from '../../src/core/leads/list-pool.js';
import { cb, pattern } from '../callback-data.js';
import type { BotContext } from '../context.js';
import { escapeHtml, lookup } from '../i18n.js';
import { excerpt } from '../render/team-card.js';

/**
 * `/pool`: leads nobody has taken, oldest first, a page at a time, a Take button each. Leads that
 * arrived quietly (an imported base) wait here; the morning list's pool line opens it too.
 * A Take here is the ordinary private Take: the list becomes the lead's full card.
 */
export const poolFeature = new Composer<BotContext>();

async function page(ctx: BotContext, offset: number) {
  const { t, deps } = ctx.crm;
  const pool = await listPool(ctx.crm.core(), { offset });
  if (pool.total === 0) return { text: t.poolList.empty, options: {} };
  const now = deps.now().getTime();
  const lines = [t.poolList.title({ total: pool.total })];
  const kb = new InlineKeyboard();
  for (const l of pool.items) {
    const name = (l.name ?? t.card.noName).trim().split(/\s+/)[0] ?? t.card.noName;
    const waited = t.teamChat.waited({ minutes: Math.max(0, Math.round((now - l.createdAt.getTime()) / 60_000)) });
    lines.push('', escapeHtml(t.poolList.line({ number: l.number, name, channel: lookup(t.channels, l.channel), waited })));
    const request = excerpt(l.comment, 60);
    if (request) lines.push(`<i>${escapeHtml(request)}</i>`);
    kb.text(t.teamChat.takeNumber({ number: l.number }), cb.take(l.id)).row();
  }
  if (pool.offset > 0) kb.text(t.poolList.prev, cb.poolPage(Math.max(pool.offset - POOL_PAGE_SIZE, 0)));
  if (pool.offset + POOL_PAGE_SIZE < pool.total) kb.text(t.poolList.next, cb.poolPage(pool.offset + POOL_PAGE_SIZE));
  return { text: lines.join('\n'), options: { parse_mode: 'HTML' as const, reply_markup: kb } };
}

poolFeature.chatType('private').command('pool', async (ctx) => {
  const { text, options } = await page(ctx, 0);
  await ctx.reply(text, options);
});

/** Paging edits the list in place. */
poolFeature.chatType('private').callbackQuery(pattern.poolPage, async (ctx) => {
  const { text, options } = await page(ctx, Number(ctx.match[1]));
  await ctx.editMessageText(text, options);
});

/** The morning list's pool line: the pool as a new message, the morning list stays. */
poolFeature.chatType('private').callbackQuery(pattern.poolOpen, async (ctx) => {
  const { text, options } = await page(ctx, 0);
  await ctx.reply(text, options);
});
