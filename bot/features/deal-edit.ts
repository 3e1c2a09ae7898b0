import { Composer } from 'grammy';
import { updateDeal, type UpdateDealInput } from '../../src/core/deals/update-deal.js';
import { choiceKeyboard } from '../choice-keyboard.js';
import type { BotContext } from '../context.js';
import { dcb, dpattern } from '../deal-callback-data.js';
import { awaitingDeal, DEAL_TEXT_FIELDS, parseMoney, type DealTextField } from '../deal-input.js';
import { showDeal, withBack } from '../deal-reply.js';
import { awaitTypedInput } from '../typed-input.js';

/** Edit → field → type the value: the deal's title, amount (sticks over line items), company, the client's name, phone, email. */
export const dealEditFeature = new Composer<BotContext>();

dealEditFeature.callbackQuery(dpattern.edit, async (ctx) => {
  const dealId = ctx.match[1]!;
  const { t } = ctx.crm;
  const kb = choiceKeyboard(DEAL_TEXT_FIELDS, (field) => [t.dealButtons.fields[field], dcb.editField(dealId, field)], 3);
  await showDeal(ctx, dealId, { edit: true, keyboard: withBack(kb, ctx, dealId), footer: t.deal.chooseField });
});

dealEditFeature.callbackQuery(dpattern.editField, async (ctx) => {
  const [, dealId, field] = ctx.match as unknown as [string, string, DealTextField];
  if (!DEAL_TEXT_FIELDS.includes(field)) return;
  const { t } = ctx.crm;
  awaitTypedInput(ctx.session, { dealInput: { kind: 'deal_field', dealId, field } });
  await ctx.reply(t.deal.askField({ field: t.dealButtons.fields[field] }));
});

dealEditFeature.chatType('private').on('message:text').filter(awaitingDeal('deal_field'), async (ctx) => {
  const input = ctx.session.dealInput;
  if (input?.kind !== 'deal_field') return;
  const text = ctx.message.text.trim();
  const patch: UpdateDealInput = { dealId: input.dealId };
  if (input.field === 'amount') {
    const amount = parseMoney(text);
    if (amount === null) return void (await ctx.reply(ctx.crm.t.deal.badAmount));
    patch.amount = amount;
  } else if (input.field === 'title') patch.title = text;
  else if (input.field === 'company') patch.companyName = text;
  else patch.contact = { [input.field]: text };
  await updateDeal(ctx.crm.core(), patch);
  delete ctx.session.dealInput;
  await showDeal(ctx, input.dealId, { footer: ctx.crm.t.deal.saved });
});
