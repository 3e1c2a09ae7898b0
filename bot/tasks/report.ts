import { InputFile, type Api } from 'grammy';
import type { AppDeps } from '../../src/app-deps.js';
import { buildConversionReport } from '../../src/core/reports/build-conversion-report.js';
import { markReportSent, reportAlreadySent, type ReportPayload } from '../../src/core/reports/queue-report.js';
import { recentPeriod } from '../../src/core/reports/report-period.js';
import type { TaskHandler } from '../../src/core/background/task-queue.js';
import { messages } from '../i18n.js';
import { rasterDeps } from '../raster.js';
import { renderReport } from '../render/weekly-report.js';

/** Counts and draws the `/report` chart queued by bot/features/report.ts, and sends it once (the sent message is recorded). */
export function reportHandler(deps: AppDeps, api: Api): TaskHandler {
  return {
    async run(task) {
      if (reportAlreadySent(task)) return 'done';
      const { range, askedAt, actor, report: to } = task.payload as ReportPayload;
      const t = messages(to.language);
      const core = deps.core(actor);
      const report = await buildConversionReport(core, recentPeriod(range, new Date(askedAt), to.timeZone));
      const rendered = await renderReport({ range, timeZone: to.timeZone, report }, t, rasterDeps(deps), t.report.title);
      const sent = await api.sendPhoto(to.chatId, new InputFile(rendered.photo, `report-${range}.png`), { caption: rendered.caption, parse_mode: 'HTML' });
      await markReportSent(core, task, sent.message_id);
      return 'done';
    },
    async failed(task) {
      const { report: to } = task.payload as ReportPayload;
      await api.sendMessage(to.chatId, messages(to.language).report.failed);
    },
  };
}
