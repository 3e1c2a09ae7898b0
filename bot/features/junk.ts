import { Composer, InlineKeyboard } from 'grammy';
import { JUNK_REASONS, type JunkReason } from '../../db/enums.js';
import { junkLead } from '../../src/core/leads/junk-lead.js';
import { cb, pattern } from '../callback-data.js';
import type { BotContext } from '../context.js';
import { ack, showCard } from '../lead-reply.js';
import { awaitTypedInput } from '../typed-input.js';

/** Junk in two taps: Junk → reason. The lead closes with its activities; the next text is kept as a note. */
export const junkFeature = new Composer<BotContext>();

junkFeature.callbackQuery(pattern.junk, async (ctx) => {
  const leadId = ctx.match[1]!;
  const { t } = ctx.crm;
  const kb = new InlineKeyboard();
  JUNK_REASONS.forEach((r, i) => {
    kb.text(t.junkReasons[r], cb.junkReason(leadId, r));
    if (i % 2 === 1) kb.row();
  });
  kb.row().text(t.buttons.cancel, cb.card(leadId));
  await ack(ctx);
  await showCard(ctx, leadId, { edit: true, keyboard: kb, footer: t.junk.chooseReason, requires: 'junk' });
});

junkFeature.callbackQuery(pattern.junkReason, async (ctx) => {
  const [, leadId, reason] = ctx.match as unknown as [string, string, JunkReason];
  const { number } = await junkLead(ctx.crm.core(), { leadId, reason });
  awaitTypedInput(ctx.session, { pending: { kind: 'note', leadId, since: ctx.crm.deps.now().getTime() } });
  await ack(ctx);
  await showCard(ctx, leadId, { edit: true, footer: ctx.crm.t.junk.done({ number }) });
});
