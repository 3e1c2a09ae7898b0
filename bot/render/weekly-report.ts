import type { ConversionReport } from '../../src/core/reports/build-conversion-report.js';
import { renderReportChart, type ReportChartLabels } from '../../src/render/report-chart.js';
import type { RasterDeps } from '../../src/render/resvg.js';
import { escapeHtml, lookup, type Messages } from '../i18n.js';
import { money } from '../money.js';

export interface ReportPayload {
  range: 'week' | 'month';
  timeZone: string;
  report: ConversionReport;
  weekOf?: string;
}

export interface RenderedReport {
  photo: Uint8Array;
  /** Every figure, under the chart; a caption holds 1,024 characters, so a big team's list is cut to its top. */
  caption: string;
}

/** Telegram's limit for a photo caption. */
export const CAPTION_LIMIT = 1024;

/** The report as a chart (PNG drawn now from the stored numbers) captioned with the figures. */
export async function renderReport(p: ReportPayload, t: Messages, raster: RasterDeps, title = t.report.weeklyTitle): Promise<RenderedReport> {
  const period = periodText(p.report, t, p.timeZone);
  const photo = await renderReportChart(p.report, chartLabels(t, period), raster);
  return { photo, caption: captionText(p.report, t, p.timeZone, title) };
}

/** The full text when it fits, else with fewer managers (the busiest first); never a broken tag. */
export function captionText(r: ConversionReport, t: Messages, timeZone: string, title: string, limit = CAPTION_LIMIT): string {
  for (let n = 30; n >= 0; n -= n > 10 ? 5 : 1) {
    const text = reportText(r, t, timeZone, title, n);
    if (text.length <= limit) return text;
  }
  return reportText(r, t, timeZone, title, 0).replace(/<\/?b>/g, '').slice(0, limit);
}

export function chartLabels(t: Messages, period: string): ReportChartLabels {
  const nf = new Intl.NumberFormat(t.locale);
  return {
    title: t.report.chartTitle,
    period,
    leads: t.report.legendLeads,
    converted: t.report.legendConverted,
    won: t.report.wonShort,
    lost: t.report.lostShort,
    channel: (c) => lookup(t.channels, c),
    number: (n) => nf.format(n),
  };
}

export function reportText(r: ConversionReport, t: Messages, timeZone: string, title: string, maxManagers = 30): string {
  const share = (part: number, whole: number) => (whole ? `${Math.round((part / whole) * 100)}%` : '—');
  const amount = (list: { currency: string; amount: number }[]) => list.map((a) => money(a.amount, a.currency, t)).join(' + ');
  const lines = [`<b>${escapeHtml(title)}</b> · ${escapeHtml(periodText(r, t, timeZone))}`, ''];
  lines.push(t.report.newLeads({ total: r.leads.total, converted: r.leads.converted, share: share(r.leads.converted, r.leads.total) }));
  if (r.byChannel.length) {
    lines.push('', `<b>${t.report.byChannel}</b>`);
    for (const c of r.byChannel) {
      lines.push(escapeHtml(t.report.channelLine({ name: lookup(t.channels, c.channel), leads: c.leads, converted: c.converted, share: share(c.converted, c.leads) })));
    }
  }
  if (r.byManager.length) {
    lines.push('', `<b>${t.report.byManager}</b>`);
    for (const m of r.byManager.slice(0, maxManagers)) {
      const name = m.memberId ? m.name ?? '?' : t.report.pool;
      lines.push(escapeHtml(t.report.managerLine({ name, leads: m.leads, converted: m.converted, share: share(m.converted, m.leads), overdue: m.overdue })));
    }
    if (r.byManager.length > maxManagers) lines.push(t.report.moreManagers({ count: r.byManager.length - maxManagers }));
  }
  const { won, lost } = r.deals;
  lines.push('', t.report.won({ count: won.count, amount: amount(won.amounts) }), t.report.lost({ count: lost.count, amount: amount(lost.amounts) }));
  if (r.deals.lostReasons.length) {
    const reasons = r.deals.lostReasons.map((x) => `${lookup(t.lostReasons, x.reason ?? 'other')} ${x.count}`);
    lines.push(`${t.report.lostReasons} ${reasons.join(', ')}`);
  }
  lines.push('');
  if (r.medianFirstTouchMinutes === null) lines.push(t.report.noTouch);
  else lines.push(`${t.report.medianTouch({ minutes: t.report.minutes({ value: Math.round(r.medianFirstTouchMinutes) }) })}`);
  if (r.untouched) lines.push(`(${t.report.untouched({ count: r.untouched })})`);
  lines.push(t.report.overdue({ count: r.overdueTotal }));
  if (r.junkReasons.length) {
    lines.push(`${t.report.junkReasons} ${r.junkReasons.map((j) => `${lookup(t.junkReasons, j.reason ?? 'other')} ${j.count}`).join(', ')}`);
  }
  return lines.join('\n');
}

/** "16.11 – 22.11.2026": `to` is exclusive, so the last day shown is the one before it. */
export function periodText(r: Pick<ConversionReport, 'from' | 'to'>, t: Messages, timeZone: string): string {
  const day = (d: Date, year: boolean) =>
    new Intl.DateTimeFormat(t.locale, { timeZone, day: '2-digit', month: '2-digit', ...(year ? { year: 'numeric' } : {}) }).format(d);
  return t.report.period({ from: day(new Date(r.from), false), to: day(new Date(Date.parse(r.to) - 1), true) });
}
