import { describe, expect, it } from 'vitest';
import type { ConversionReport } from '../../src/core/reports/build-conversion-report.js';
import { nodeFonts } from '../../src/entry/node-fonts.js';
import { nodeResvgWasm } from '../../src/entry/node-resvg.js';
import { renderReportChart, reportChartSvg, type ReportChartLabels } from '../../src/render/report-chart.js';

const report: ConversionReport = {
  from: '2026-11-15T21:00:00.000Z',
  to: '2026-11-22T21:00:00.000Z',
  leads: { total: 5, converted: 2 },
  byChannel: [
    { channel: 'site_form', leads: 3, converted: 1 },
    { channel: 'call', leads: 1, converted: 1 },
    { channel: 'partner', leads: 1, converted: 0 },
  ],
  byManager: [],
  deals: { won: { count: 3, amounts: [] }, lost: { count: 2, amounts: [] }, lostReasons: [] },
  medianFirstTouchMinutes: 15,
  untouched: 1,
  overdueTotal: 3,
  junkReasons: [],
};

const labels: ReportChartLabels = {
  title: 'Конверсия по каналам',
  period: '16.11 – 22.11.2026',
  leads: 'Лиды',
  converted: 'Стали сделками',
  won: 'Выиграно',
  lost: 'Проиграно <&>',
  channel: (c) => ({ site_form: 'Сайт', call: 'Звонок', partner: 'Партнёр' })[c as string] ?? c,
  number: (n) => String(n),
};

describe('report chart', () => {
  it('draws a bar per channel with its numbers, escaping text', () => {
    const svg = reportChartSvg(report, labels);
    expect(svg).toContain('Сайт');
    expect(svg).toContain('1 / 3 · 33%');
    expect(svg).toContain('Проиграно &#60;&#38;&#62;');
    expect(svg.match(/<rect /g)?.length).toBeGreaterThan(8);
  });

  it('renders a PNG with the bundled fonts', async () => {
    const png = await renderReportChart(report, labels, { fonts: nodeFonts, wasm: nodeResvgWasm });
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const view = new DataView(png.buffer, png.byteOffset);
    expect(view.getUint32(16)).toBe(900);
    expect(view.getUint32(20)).toBeGreaterThan(300);
    // Text drawn means glyphs: far more bytes than bars alone.
    expect(png.byteLength).toBeGreaterThan(10_000);
    // Loaded once, the wasm needs no source any more (the Node entry loads it at start).
    const empty = await renderReportChart({ ...report, byChannel: [] }, labels, { fonts: nodeFonts, wasm: nodeResvgWasm });
    expect(empty.byteLength).toBeGreaterThan(1_000);
  });
});
