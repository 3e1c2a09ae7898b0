import { Composer } from 'grammy';
import { JUNK_REASONS, type JunkReason } from '../../db/enums.js';
import { junkLead } from '../../src/core/leads/junk-lead.js';
import { cb, pattern } from '../callback-data.js';
import { choiceKeyboard } from '../choice-keyboard.js';
import type { BotContext } from '../context.js';
import { showCard } from '../lead-reply.js';
import { awaitTypedInput } from '../typed-input.js';

/** Junk in two taps: Junk → reason. The lead closes with its activities; the next text is kept as a note. */
export const junkFeature = new Composer<BotContext>();

junkFeature.callbackQuery(pattern.junk, async (ctx) => {
  const leadId = ctx.match[1]!;
  const { t } = ctx.crm;
  const kb = choiceKeyboard(JUNK_REASONS, (r) => [t.junkReasons[r], cb.junkReason(leadId, r)]).row().text(t.buttons.cancel, cb.card(leadId));
  await showCard(ctx, leadId, { edit: true, keyboard: kb, footer: t.junk.chooseReason, requires: 'junk' });
});

junkFeature.callbackQuery(pattern.junkReason, async (ctx) => {
  const [, leadId, reason] = ctx.match as unknown as [string, string, JunkReason];
  const { number } = await junkLead(ctx.crm.core(), { leadId, reason });
  awaitTypedInput(ctx.session, { pending: { kind: 'note', leadId, since: ctx.crm.deps.now().getTime() } });
  await showCard(ctx, leadId, { edit: true, footer: ctx.crm.t.junk.done({ number }) });
});
