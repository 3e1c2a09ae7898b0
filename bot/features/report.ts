import { Composer } from 'grammy';
import { queueReport } from '../../src/core/reports/queue-report.js';
import type { ReportRange } from '../../src/core/reports/report-period.js';
import type { BotContext } from '../context.js';

/**
 * `/report week|month`: the weekly report's numbers and chart for the last 7 or 30 days, on demand.
 * Drawing the chart takes a while (resvg), so the command only queues it: "sending a photo…" shows at
 * once and the task runner sends the chart (bot/tasks/report.ts).
 */
export const reportFeature = new Composer<BotContext>();

reportFeature.command('report', async (ctx) => {
  const { t, member, lang, timeZone, deps } = ctx.crm;
  if (member?.role !== 'owner' && member?.role !== 'head') return void (await ctx.reply(t.report.leadershipOnly));
  const arg = (ctx.match || 'week').trim().toLowerCase();
  if (arg !== 'week' && arg !== 'month') return void (await ctx.reply(t.report.usage));
  const range: ReportRange = arg;
  await queueReport(ctx.crm.core(), { range, report: { chatId: ctx.chat.id, language: lang, timeZone } });
  await ctx.replyWithChatAction('upload_photo').catch(() => undefined);
  deps.taskQueued.notify();
});
