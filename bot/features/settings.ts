import { Composer, InlineKeyboard } from 'grammy';
import { VAT_MODES, type VatMode } from '../../db/enums.js';
import { getSellerDetails, setSellerDetails, type SellerDetails } from '../../src/core/proposals/seller-details.js';
import { setTeamChatDetails } from '../../src/core/team-chat/set-team-chat-details.js';
import { getVatSetting, setVatSetting } from '../../src/core/proposals/vat-settings.js';
import { formatPercent } from '../../src/render/format.js';
import type { BotContext } from '../context.js';
import { teamChatDetails } from '../team-chat.js';
import { escapeHtml } from '../i18n.js';
import { ack } from '../lead-reply.js';
import { CLEAR_MARK, parseVatRate, scb, SELLER_FIELDS, spattern, type SellerField } from '../settings-input.js';
import { awaitTypedInput } from '../typed-input.js';

/**
 * `/settings` for the owner: the seller's details printed on every commercial proposal. A tap on
 * a field asks for its value; the next text sets it (one field at a time, "-" clears an optional one).
 * VAT: one tap picks the mode (no VAT, included, on top), "VAT rate" asks for the percent.
 * The core checks the owner again, so a forwarded button does nothing for anyone else.
 */
export const settingsFeature = new Composer<BotContext>();
const p = settingsFeature.chatType('private');
const isOwner = (ctx: BotContext) => ctx.crm.member?.role === 'owner';

p.command('settings', async (ctx) => {
  if (!isOwner(ctx)) return void (await ctx.reply(ctx.crm.t.settings.ownerOnly));
  await showSettings(ctx);
});

settingsFeature.callbackQuery(spattern.field, async (ctx) => {
  const { t } = ctx.crm;
  const field = ctx.match[1] as SellerField;
  if (!isOwner(ctx) || !SELLER_FIELDS.includes(field)) return void (await ack(ctx, t.settings.ownerOnly, { alert: true }));
  awaitTypedInput(ctx.session, { settingsInput: { kind: 'seller_field', field } });
  const current = (await getSellerDetails(ctx.crm.core()))[field];
  const ask = field === 'proposalValidDays' ? t.settings.askDays : field === 'name' ? t.settings.askName : t.settings.ask({ field: t.settings.fields[field] });
  await ctx.reply(current === undefined ? ask : `${ask}\n${t.settings.current({ value: String(current) })}`);
});

p.on('message:text').filter(
  (ctx) => ctx.session.settingsInput?.kind === 'seller_field' && !ctx.message.text.startsWith('/'),
  async (ctx) => {
    const { t } = ctx.crm;
    const input = ctx.session.settingsInput;
    if (input?.kind !== 'seller_field') return;
    const field = input.field;
    const text = ctx.message.text.trim();
    const patch: Partial<SellerDetails> = {};
    if (field === 'proposalValidDays') {
      const days = /^\d{1,3}$/.test(text) ? Number(text) : NaN;
      if (!(days >= 1 && days <= 365)) return void (await ctx.reply(t.settings.badDays));
      patch.proposalValidDays = days;
    } else if (CLEAR_MARK.test(text)) {
      if (field === 'name') return void (await ctx.reply(t.settings.askName));
      patch[field] = undefined;
    } else {
      patch[field] = text;
    }
    await setSellerDetails(ctx.crm.core(), patch);
    delete ctx.session.settingsInput;
    await showSettings(ctx, t.settings.saved({ field: t.settings.fields[field] }));
  },
);

settingsFeature.callbackQuery(spattern.vat, async (ctx) => {
  const { t } = ctx.crm;
  if (!isOwner(ctx)) return void (await ack(ctx, t.settings.ownerOnly, { alert: true }));
  const choice = ctx.match[1] as VatMode | 'rate';
  if (choice === 'rate') {
    awaitTypedInput(ctx.session, { settingsInput: { kind: 'vat_rate' } });
    return void (await ctx.reply(t.settings.vat.askRate));
  }
  await setVatSetting(ctx.crm.core(), { mode: choice });
  await showSettings(ctx, t.settings.vat.saved);
});

p.on('message:text').filter(
  (ctx) => ctx.session.settingsInput?.kind === 'vat_rate' && !ctx.message.text.startsWith('/'),
  async (ctx) => {
    const { t } = ctx.crm;
    const rate = parseVatRate(ctx.message.text);
    if (rate === null) return void (await ctx.reply(t.settings.vat.badRate));
    await setVatSetting(ctx.crm.core(), { rate });
    delete ctx.session.settingsInput;
    await showSettings(ctx, t.settings.vat.saved);
  },
);

const TEAM_DETAILS_CB = (mode: 'short' | 'full') => `tcd:${mode}`;

settingsFeature.chatType('private').callbackQuery(/^tcd:(short|full)$/, async (ctx) => {
  const { t } = ctx.crm;
  if (!isOwner(ctx)) return ack(ctx, t.settings.ownerOnly, { alert: true });
  const mode = ctx.match[1] as 'short' | 'full';
  await setTeamChatDetails(ctx.crm.core(), mode);
  await showSettings(ctx, t.teamChat.detailsSet({ mode }));
});

async function showSettings(ctx: BotContext, header?: string): Promise<void> {
  const { t } = ctx.crm;
  const seller = await getSellerDetails(ctx.crm.core());
  const vat = await getVatSetting(ctx.crm.core());
  const rate = formatPercent(vat.rate, ctx.crm.lang);
  const vatMode = t.settings.vat.modes[vat.mode];
  const lines = SELLER_FIELDS.map((f) => `${t.settings.fields[f]}: ${seller[f] === undefined ? t.settings.empty : escapeHtml(String(seller[f]))}`);
  lines.push(t.settings.vat.line({ mode: vat.mode === 'none' ? vatMode : t.settings.vat.withRate({ mode: vatMode, rate }) }));
  const kb = new InlineKeyboard();
  SELLER_FIELDS.forEach((f, i) => {
    kb.text(t.settings.fields[f], scb.field(f));
    if (i % 2 === 1) kb.row();
  });
  // The current mode carries a tick; the rate stays settable while there is no VAT, for when it comes.
  kb.row();
  for (const mode of VAT_MODES) kb.text(`${mode === vat.mode ? '✓ ' : ''}${t.settings.vat.buttons[mode]}`, scb.vat(mode));
  kb.row().text(t.settings.vat.rateButton({ rate }), scb.vat('rate'));
  // What the team chat shows of a new lead; TEAM_CHAT_DETAILS on the server overrides it.
  const details = await teamChatDetails(ctx.crm.deps);
  kb.row().text(t.teamChat.detailsButton({ mode: details }), TEAM_DETAILS_CB(details === 'full' ? 'short' : 'full'));
  const text = [...(header ? [header, ''] : []), `<b>${t.settings.title}</b>`, ...lines].join('\n');
  await ctx.reply(text, { parse_mode: 'HTML', reply_markup: kb });
}
