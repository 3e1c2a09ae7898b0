import { Composer, InputFile } from 'grammy';
import type { Api } from 'grammy';
import { exportDeals, exportLeads } from '../../src/core/export-csv.js';
import { importLeadsCsv, type RejectionWording } from '../../src/core/import-leads-csv.js';
import type { IntakeProblem } from '../../src/core/intake-lookup.js';
import type { BotContext } from '../context.js';
import type { Messages } from '../i18n.js';

/** Telegram lets bots download files up to 20 MB; a cold-call base is far smaller. */
const MAX_FILE_BYTES = 20 * 1024 * 1024;

/**
 * CSV in and out. The owner or a head sends a .csv file: the rows become cold-call leads through
 * the intake rules, and the reply is a summary plus the rejected rows as a file. /export leads|deals
 * returns what the member may see (Russian-locale Excel expects ";", so Russian speakers get it).
 */
export const csvFeature = new Composer<BotContext>();
const p = csvFeature.chatType('private');

p.on('message:document').filter(
  (ctx) => /\.csv$/i.test(ctx.message.document.file_name ?? '') || ctx.message.document.mime_type === 'text/csv',
  async (ctx) => {
    const { t, member } = ctx.crm;
    if (member?.role !== 'owner' && member?.role !== 'head') return void (await ctx.reply(t.csv.leadershipOnly));
    const doc = ctx.message.document;
    if ((doc.file_size ?? 0) > MAX_FILE_BYTES) return void (await ctx.reply(t.errorValidation({ message: 'file > 20 MB' })));
    await ctx.reply(t.csv.importing);
    const content = await downloadFile(ctx.api, doc.file_id);
    const result = await importLeadsCsv(ctx.crm.core(), { content, fileName: doc.file_name ?? 'import.csv', wording: rejectionWording(t) });
    await ctx.reply(t.csv.summary(result));
    if (result.rejectedCsv) {
      const name = `rejected-${doc.file_name ?? 'import.csv'}`.replace(/\.csv$/i, '') + '.csv';
      await ctx.replyWithDocument(new InputFile(new TextEncoder().encode(result.rejectedCsv), name), { caption: t.csv.rejectedCaption });
    }
  },
);

p.command('export', async (ctx) => {
  const { t, lang } = ctx.crm;
  const what = ctx.match.trim().toLowerCase();
  if (what !== 'leads' && what !== 'deals') return void (await ctx.reply(t.csv.exportUsage));
  const delimiter = lang === 'ru' ? ';' : ',';
  const file = what === 'leads' ? await exportLeads(ctx.crm.core(), { delimiter }) : await exportDeals(ctx.crm.core(), { delimiter });
  await ctx.replyWithDocument(new InputFile(new TextEncoder().encode(file.csv), file.fileName), { caption: t.csv.exportCaption({ rows: file.rows }) });
});

/** The rejected-rows file speaks the importer's language: its reason column and every reason. */
function rejectionWording(t: Messages): RejectionWording {
  const r = t.csv.reasons;
  return {
    reasonHeader: t.csv.reasonHeader,
    reason: (problem: IntakeProblem) => {
      switch (problem.kind) {
        case 'no_contact':
          return r.noContact;
        case 'bad_contact':
          return [problem.phone && r.badPhone({ value: problem.phone }), problem.email && r.badEmail({ value: problem.email })].filter(Boolean).join('; ');
        case 'invalid':
          return r.invalid(problem);
      }
    },
  };
}

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
