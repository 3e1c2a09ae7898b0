import type { Channel } from '../../db/enums.js';
import type { ConversionReport } from '../core/reports/build-conversion-report.js';
import { svgToPng, type RasterDeps } from './resvg.js';

/** Every word on the chart, chosen by the caller in the reader's language. */
export interface ReportChartLabels {
  title: string;
  /** "16.11 – 22.11.2026" */
  period: string;
  leads: string;
  converted: string;
  won: string;
  lost: string;
  channel: (channel: Channel) => string;
  /** Formats a number for the reader ("1 234"). */
  number: (n: number) => string;
}

const W = 900;
const ROW = 46;
const LEFT = 210;
const BAR_W = 520;
const COLORS = { leads: '#cfe0fb', converted: '#2f6fdf', won: '#2e9d5b', lost: '#d9534f', text: '#1f2937', muted: '#6b7280' };

/**
 * Bars per channel: the pale bar is new leads, the dark one inside it the leads that became
 * deals, with "3 / 12 · 25%" beside them (Roboto has no arrow glyph); under them, deals won and lost. Bars share one
 * scale, so channels compare at a glance.
 */
export function reportChartSvg(report: ConversionReport, l: ReportChartLabels): string {
  const rows = report.byChannel.length ? report.byChannel : [];
  const top = 110;
  const footer = top + Math.max(rows.length, 1) * ROW + 30;
  const height = footer + 110;
  const max = Math.max(1, ...rows.map((r) => r.leads));
  const scale = (n: number) => Math.max(n > 0 ? 3 : 0, Math.round((n / max) * BAR_W));
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${height}" viewBox="0 0 ${W} ${height}" font-family="Roboto">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    text(30, 46, l.title, { size: 26, bold: true }),
    text(30, 76, l.period, { size: 16, fill: COLORS.muted }),
    legend(W - 330, 40, COLORS.leads, l.leads),
    legend(W - 330, 66, COLORS.converted, l.converted),
  ];
  if (rows.length === 0) parts.push(text(LEFT, top + 28, '—', { size: 18, fill: COLORS.muted }));
  rows.forEach((r, i) => {
    const y = top + i * ROW;
    const share = r.leads ? Math.round((r.converted / r.leads) * 100) : 0;
    parts.push(
      text(LEFT - 14, y + 24, l.channel(r.channel), { size: 17, anchor: 'end' }),
      `<rect x="${LEFT}" y="${y + 6}" width="${scale(r.leads)}" height="26" rx="4" fill="${COLORS.leads}"/>`,
      `<rect x="${LEFT}" y="${y + 6}" width="${scale(r.converted)}" height="26" rx="4" fill="${COLORS.converted}"/>`,
      text(LEFT + scale(r.leads) + 10, y + 25, `${l.number(r.converted)} / ${l.number(r.leads)} · ${share}%`, { size: 16 }),
    );
  });
  const { won, lost } = report.deals;
  const dealMax = Math.max(1, won.count, lost.count);
  const dealBar = (n: number) => Math.max(n > 0 ? 3 : 0, Math.round((n / dealMax) * (BAR_W / 2)));
  parts.push(
    `<line x1="30" y1="${footer - 12}" x2="${W - 30}" y2="${footer - 12}" stroke="#e5e7eb" stroke-width="2"/>`,
    text(LEFT - 14, footer + 28, l.won, { size: 17, anchor: 'end' }),
    `<rect x="${LEFT}" y="${footer + 10}" width="${dealBar(won.count)}" height="26" rx="4" fill="${COLORS.won}"/>`,
    text(LEFT + dealBar(won.count) + 10, footer + 29, l.number(won.count), { size: 16, bold: true }),
    text(LEFT - 14, footer + 72, l.lost, { size: 17, anchor: 'end' }),
    `<rect x="${LEFT}" y="${footer + 54}" width="${dealBar(lost.count)}" height="26" rx="4" fill="${COLORS.lost}"/>`,
    text(LEFT + dealBar(lost.count) + 10, footer + 73, l.number(lost.count), { size: 16, bold: true }),
    '</svg>',
  );
  return parts.join('\n');
}

export async function renderReportChart(report: ConversionReport, labels: ReportChartLabels, deps: RasterDeps): Promise<Uint8Array> {
  return svgToPng(reportChartSvg(report, labels), deps);
}

function legend(x: number, y: number, color: string, label: string): string {
  return `<rect x="${x}" y="${y - 14}" width="18" height="18" rx="3" fill="${color}"/>${text(x + 28, y, label, { size: 16 })}`;
}

function text(x: number, y: number, value: string, o: { size: number; bold?: boolean; fill?: string; anchor?: 'start' | 'end' }): string {
  const attrs = [`x="${x}"`, `y="${y}"`, `font-size="${o.size}"`, `fill="${o.fill ?? COLORS.text}"`];
  if (o.bold) attrs.push('font-weight="bold"');
  if (o.anchor) attrs.push(`text-anchor="${o.anchor}"`);
  return `<text ${attrs.join(' ')}>${escapeXml(value)}</text>`;
}

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
