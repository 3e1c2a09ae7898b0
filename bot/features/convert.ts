import { Composer, InlineKeyboard } from 'grammy';
import { convertLead } from '../../src/core/leads/convert-lead.js';
import { isCrmError } from '../../src/core/shared/errors.js';
import { getLeadView } from '../../src/core/leads/get-lead-view.js';
import { cb } from '../callback-data.js';
import type { BotContext } from '../context.js';
import { dcb, dpattern } from '../deal-callback-data.js';
import { showDeal } from '../deal-reply.js';
import { ack, showCard } from '../lead-reply.js';

/**
 * Convert: two taps from the lead card (Convert → Yes). The confirmation is there because the step
 * cannot be undone; everything else (company, amount, products) is filled in on the deal card after.
 */
export const convertFeature = new Composer<BotContext>();

convertFeature.callbackQuery(dpattern.convert, async (ctx) => {
  const leadId = ctx.match[1]!;
  const { t } = ctx.crm;
  const view = await getLeadView(ctx.crm.core(), leadId);
  const kb = new InlineKeyboard().text(t.dealButtons.convertYes, dcb.convertYes(leadId)).row().text(t.buttons.cancel, cb.card(leadId));
  await showCard(ctx, leadId, { edit: true, keyboard: kb, footer: t.convert.ask({ number: view.lead.number }) });
});

convertFeature.callbackQuery(dpattern.convertYes, async (ctx) => {
  const leadId = ctx.match[1]!;
  const { t } = ctx.crm;
  try {
    const result = await convertLead(ctx.crm.core(), { leadId });
    await ack(ctx, t.convert.done({ number: result.dealNumber }));
    await showCard(ctx, leadId, { edit: true });
    await showDeal(ctx, result.dealId, { footer: t.convert.done({ number: result.dealNumber }) });
  } catch (e) {
    if (!isCrmError(e, 'CONFLICT')) throw e;
    await ack(ctx, t.convert.already);
    await showCard(ctx, leadId, { edit: true });
  }
});
