import { Composer, InlineKeyboard } from 'grammy';
import { createManualLead } from '../../src/core/leads/create-manual-lead.js';
import { normalizePhone } from '../../src/core/shared/phone.js';
import { cb, pattern } from '../callback-data.js';
import type { BotContext } from '../context.js';
import { awaiting, showCard } from '../lead-reply.js';
import { awaitTypedInput } from '../typed-input.js';

/**
 * `/new`: name, then phone, then the channel by button. The lead goes through the same intake as
 * every request (so dedupe applies) and is taken by its author.
 */
export const newLeadFeature = new Composer<BotContext>();
const CHANNELS = ['manual', 'cold_call'] as const;

newLeadFeature.command('new', async (ctx) => {
  awaitTypedInput(ctx.session, { pending: { kind: 'new_lead', step: 'name' } });
  await ctx.reply(ctx.crm.t.newLead.askName);
});

newLeadFeature.on('message:text').filter(awaiting('new_lead'), async (ctx) => {
  const pending = ctx.session.pending;
  if (pending?.kind !== 'new_lead') return;
  const { t, deps } = ctx.crm;
  const text = ctx.message.text.trim();
  if (pending.step === 'name') {
    awaitTypedInput(ctx.session, { pending: { ...pending, step: 'phone', name: text.slice(0, 200) } });
    return void (await ctx.reply(t.newLead.askPhone));
  }
  if (pending.step === 'phone') {
    if (!normalizePhone(text, deps.config.DEFAULT_COUNTRY)) return void (await ctx.reply(t.newLead.badPhone));
    awaitTypedInput(ctx.session, { pending: { ...pending, step: 'channel', phone: text } });
    const kb = new InlineKeyboard();
    for (const c of CHANNELS) kb.text(t.channels[c], cb.newLeadChannel(c));
    return void (await ctx.reply(t.newLead.askChannel, { reply_markup: kb }));
  }
  await ctx.reply(t.newLead.askChannel);
});

newLeadFeature.callbackQuery(pattern.newLeadChannel, async (ctx) => {
  const pending = ctx.session.pending;
  const channel = ctx.match[1] as (typeof CHANNELS)[number];
  if (pending?.kind !== 'new_lead' || pending.step !== 'channel' || !CHANNELS.includes(channel)) return;
  const { intake } = await createManualLead(ctx.crm.core(), { name: pending.name ?? '', phone: pending.phone ?? '', channel });
  delete ctx.session.pending;
  await ctx.editMessageReplyMarkup().catch(() => undefined);
  if (intake.duplicate) await ctx.reply(ctx.crm.t.newLead.joined({ number: intake.lead.number }));
  // A duplicate of a colleague's lead is theirs: the core refuses to show it, and the boundary says so.
  await showCard(ctx, intake.lead.id);
});
