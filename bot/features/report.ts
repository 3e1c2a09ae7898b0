import { Composer, InputFile } from 'grammy';
import { buildConversionReport } from '../../src/core/build-conversion-report.js';
import { recentPeriod, type ReportRange } from '../../src/core/report-period.js';
import type { BotContext } from '../context.js';
import { rasterDeps } from '../raster.js';
import { renderReport } from '../render/weekly-report.js';

/** `/report week|month`: the weekly report's numbers and chart for the last 7 or 30 days, on demand. */
export const reportFeature = new Composer<BotContext>();

reportFeature.command('report', async (ctx) => {
  const { t, member, timeZone, deps } = ctx.crm;
  if (member?.role !== 'owner' && member?.role !== 'head') return void (await ctx.reply(t.report.leadershipOnly));
  const arg = (ctx.match || 'week').trim().toLowerCase();
  if (arg !== 'week' && arg !== 'month') return void (await ctx.reply(t.report.usage));
  const range: ReportRange = arg;
  const report = await buildConversionReport(ctx.crm.core(), recentPeriod(range, deps.now(), timeZone));
  const rendered = await renderReport({ range, timeZone, report }, t, rasterDeps(deps), t.report.title);
  await ctx.replyWithPhoto(new InputFile(rendered.photo, `report-${range}.png`), { caption: rendered.caption, parse_mode: 'HTML' });
});
