import { Composer, InlineKeyboard, InputFile } from 'grammy';
import type { Api } from 'grammy';
import { exportDeals, exportLeads } from '../../src/core/csv/export-csv.js';
import type { ImportProgress } from '../../src/core/csv/import-leads-csv.js';
import { answerRepeatImport, queueCsvImport } from '../../src/core/csv/queue-csv-import.js';
import { cb, pattern } from '../callback-data.js';
import type { BotContext } from '../context.js';

/** Telegram lets bots download files up to 20 MB; a cold-call base is far smaller. */
const MAX_FILE_BYTES = 20 * 1024 * 1024;

/**
 * CSV in and out. The owner or a head sends a .csv file: it is checked and queued at once, and one
 * message is edited as the import goes (bot/tasks/csv-import.ts) until it shows the summary, followed
 * by the rejected rows as a file. The same file again (same file_unique_id) asks first.
 * /export leads|deals returns what the member may see (Russian-locale Excel expects ";").
 */
export const csvFeature = new Composer<BotContext>();
const p = csvFeature.chatType('private');

p.on('message:document').filter(
  (ctx) => /\.csv$/i.test(ctx.message.document.file_name ?? '') || ctx.message.document.mime_type === 'text/csv',
  async (ctx) => {
    const { t, member, lang, deps } = ctx.crm;
    if (member?.role !== 'owner' && member?.role !== 'head') return void (await ctx.reply(t.csv.leadershipOnly));
    const doc = ctx.message.document;
    if ((doc.file_size ?? 0) > MAX_FILE_BYTES) return void (await ctx.reply(t.errorValidation({ message: 'file > 20 MB' })));
    const fileName = doc.file_name ?? 'import.csv';
    const status = await ctx.reply(t.csv.importing);
    try {
      const content = await downloadFile(ctx.api, doc.file_id);
      const report = { chatId: ctx.chat.id, messageId: status.message_id, language: lang };
      const queued = await queueCsvImport(ctx.crm.core(), { content, fileName, subject: doc.file_unique_id, report });
      if (queued.earlier) {
        const before = queued.earlier.progress as ImportProgress | null;
        const date = queued.earlier.createdAt.toLocaleDateString(lang === 'ru' ? 'ru-RU' : 'en-GB', { timeZone: ctx.crm.timeZone });
        const keyboard = new InlineKeyboard().text(t.csv.againButton, cb.importAgain(queued.task.id)).text(t.csv.cancelButton, cb.importCancel(queued.task.id));
        await ctx.api.editMessageText(ctx.chat.id, status.message_id, t.csv.importAgain({ fileName, date, created: before?.created ?? 0 }), { reply_markup: keyboard });
        return;
      }
      deps.taskQueued.notify();
    } catch (e) {
      // The error boundary explains what was wrong; the "importing" message would only mislead.
      await ctx.api.deleteMessage(ctx.chat.id, status.message_id).catch(() => undefined);
      throw e;
    }
  },
);

p.callbackQuery(pattern.importAgain, async (ctx) => {
  const { t, deps } = ctx.crm;
  const taskId = ctx.match[1]!;
  if (await answerRepeatImport(ctx.crm.core(), taskId, true)) {
    await ctx.editMessageText(t.csv.importing);
    deps.taskQueued.notify();
  }
  await ctx.answerCallbackQuery();
});

p.callbackQuery(pattern.importCancel, async (ctx) => {
  const { t } = ctx.crm;
  if (await answerRepeatImport(ctx.crm.core(), ctx.match[1]!, false)) await ctx.editMessageText(t.csv.cancelled);
  await ctx.answerCallbackQuery();
});

p.command('export', async (ctx) => {
  const { t, lang } = ctx.crm;
  const what = ctx.match.trim().toLowerCase();
  if (what !== 'leads' && what !== 'deals') return void (await ctx.reply(t.csv.exportUsage));
  const delimiter = lang === 'ru' ? ';' : ',';
  const file = what === 'leads' ? await exportLeads(ctx.crm.core(), { delimiter }) : await exportDeals(ctx.crm.core(), { delimiter });
  await ctx.replyWithDocument(new InputFile(new TextEncoder().encode(file.csv), file.fileName), { caption: t.csv.exportCaption({ rows: file.rows }) });
});

/** getFile, then the file URL on the same API root and fetch the bot was built with (so tests can serve it). */
async function downloadFile(api: Api, fileId: string): Promise<Uint8Array> {
  const file = await api.getFile(fileId);
  if (!file.file_path) throw new Error('Telegram gave no file path');
  const root = api.options?.apiRoot ?? 'https://api.telegram.org';
  const doFetch = api.options?.fetch ?? fetch;
  const response = await doFetch(`${root}/file/bot${api.token}/${file.file_path}`);
  if (!response.ok) throw new Error(`File download failed: ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}
