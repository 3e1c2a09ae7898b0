import { messages } from '../i18n.js';
import { rasterDeps } from '../raster.js';
import { activeRecipient } from './agenda-renderers.js';
import type { OutboxRenderer } from './outbox-renderer.js';
import { renderReport, type ReportPayload } from './weekly-report.js';

/** The weekly report: the chart drawn now from the stored numbers, sent as a photo with the figures as its caption. */
export const renderWeeklyReportRow: OutboxRenderer = async ({ deps, row }) => {
  const member = await activeRecipient(deps, row.memberId);
  if (!member) return null;
  const payload = row.payload as unknown as ReportPayload;
  const t = messages(member.language);
  const report = await renderReport(payload, t, rasterDeps(deps));
  return {
    chatId: row.chatId ?? member.chatId,
    text: report.caption,
    parseMode: 'HTML',
    photo: { data: report.photo, filename: `report-${payload.weekOf ?? 'period'}.png` },
  };
};
