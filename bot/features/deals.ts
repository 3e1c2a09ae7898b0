import { Composer, InlineKeyboard } from 'grammy';
import { LOST_REASONS, OPEN_DEAL_STAGES, type LostReason } from '../../db/enums.js';
import { changeDealStage } from '../../src/core/deals/change-deal-stage.js';
import { DUE_PRESETS } from '../../src/core/activities/due-date.js';
import { isCrmError } from '../../src/core/shared/errors.js';
import { getDealCard } from '../../src/core/deals/get-deal-card.js';
import { listDeals } from '../../src/core/deals/list-deals.js';
import { loseDeal } from '../../src/core/deals/lose-deal.js';
import { LOST_NOTE_WINDOW_MS, noteLostDeal } from '../../src/core/deals/note-lost-deal.js';
import { winDeal } from '../../src/core/deals/win-deal.js';
import { choiceKeyboard } from '../choice-keyboard.js';
import type { BotContext } from '../context.js';
import { dcb, dpattern } from '../deal-callback-data.js';
import { awaitingDeal } from '../deal-input.js';
import { showDeal, withBack } from '../deal-reply.js';
import { escapeHtml, formatDateTime } from '../i18n.js';
import { ack } from '../lead-reply.js';
import { money } from '../money.js';
import { presetDueAt, typedDueAt } from '../next-step-due.js';
import { awaitTypedInput } from '../typed-input.js';

type OpenStage = (typeof OPEN_DEAL_STAGES)[number];

/**
 * Deal card, /deals, stages, won and lost. A stage change is two taps (Stage → stage) when a next
 * step exists, three with a next-step preset when the core asks for one; won and lost are two taps.
 */
export const dealsFeature = new Composer<BotContext>();
const p = dealsFeature.chatType('private');

p.command('deals', async (ctx) => {
  const { t } = ctx.crm;
  const list = await listDeals(ctx.crm.core(), { limit: 30 });
  if (list.deals.length === 0) return void (await ctx.reply(t.deal.listEmpty));
  const currency = list.deals[0]?.currency ?? 'RUB';
  const lines = [`<b>${t.deal.list({ count: list.total.count, amount: money(list.total.amount, currency, t) })}</b>`];
  for (const s of list.totals.filter((s) => s.count > 0)) {
    lines.push(t.deal.stageTotal({ stage: t.dealStages[s.stage], count: s.count, amount: money(s.amount, currency, t) }));
  }
  const kb = new InlineKeyboard();
  for (const d of list.deals) {
    const when = d.next ? formatDateTime(d.next.dueAt, t, ctx.crm.timeZone, ctx.crm.deps.now()) : '—';
    kb.text(`#${d.number} ${d.title.slice(0, 28)} · ${when}`, dcb.deal(d.id)).row();
  }
  await ctx.reply(lines.map((l, i) => (i === 0 ? l : escapeHtml(l))).join('\n'), { parse_mode: 'HTML', reply_markup: kb });
});

dealsFeature.callbackQuery(dpattern.deal, async (ctx) => {
  delete ctx.session.dealInput;
  await showDeal(ctx, ctx.match[1]!, { edit: isOnDealMessage(ctx) });
});

dealsFeature.callbackQuery(dpattern.stage, async (ctx) => {
  const dealId = ctx.match[1]!;
  const { t } = ctx.crm;
  const card = await getDealCard(ctx.crm.core(), dealId, { historyLines: 0 });
  const others = OPEN_DEAL_STAGES.filter((s) => s !== card.deal.stage);
  const kb = choiceKeyboard(others, (s) => [t.dealStages[s], dcb.setStage(dealId, s)]);
  await showDeal(ctx, dealId, { edit: true, keyboard: withBack(kb, ctx, dealId), footer: t.deal.chooseStage });
});

dealsFeature.callbackQuery(dpattern.setStage, async (ctx) => {
  const [, dealId, stage] = ctx.match as unknown as [string, string, OpenStage];
  const { t } = ctx.crm;
  try {
    await changeDealStage(ctx.crm.core(), { dealId, stage });
  } catch (e) {
    if (!isCrmError(e, 'RULE') || e.details.rule !== 'next_activity_required') throw e;
    awaitTypedInput(ctx.session, { dealInput: { kind: 'deal_stage_next', dealId, stage } });
    const kb = new InlineKeyboard();
    for (const preset of DUE_PRESETS) kb.text(t.buttons.presets[preset], dcb.stageNext(dealId, stage, preset));
    await ack(ctx, t.rules.next_activity_required, { alert: true });
    return showDeal(ctx, dealId, { edit: true, keyboard: withBack(kb, ctx, dealId), footer: t.deal.chooseNext });
  }
  await stageDone(ctx, dealId, stage, true);
});

dealsFeature.callbackQuery(dpattern.stageNext, async (ctx) => {
  const [, dealId, stage, preset] = ctx.match as unknown as [string, string, OpenStage, string];
  const dueAt = presetDueAt(ctx, preset);
  if (!dueAt) return;
  await changeDealStage(ctx.crm.core(), { dealId, stage, next: { kind: 'call', dueAt } });
  await stageDone(ctx, dealId, stage, true);
});

p.on('message:text').filter(awaitingDeal('deal_stage_next'), async (ctx) => {
  const input = ctx.session.dealInput;
  if (input?.kind !== 'deal_stage_next') return;
  const dueAt = await typedDueAt(ctx, ctx.message.text);
  if (!dueAt) return;
  const stage = input.stage as OpenStage;
  await changeDealStage(ctx.crm.core(), { dealId: input.dealId, stage, next: { kind: 'call', dueAt } });
  await stageDone(ctx, input.dealId, stage, false);
});

dealsFeature.callbackQuery(dpattern.won, async (ctx) => {
  const dealId = ctx.match[1]!;
  const { t } = ctx.crm;
  const { deal } = await getDealCard(ctx.crm.core(), dealId, { historyLines: 0 });
  const kb = new InlineKeyboard().text(t.dealButtons.confirmWon({ amount: money(deal.amount, deal.currency, t) }), dcb.wonYes(dealId));
  await showDeal(ctx, dealId, { edit: true, keyboard: withBack(kb, ctx, dealId), footer: t.deal.confirmWon });
});

dealsFeature.callbackQuery(dpattern.wonYes, async (ctx) => {
  const dealId = ctx.match[1]!;
  const { t } = ctx.crm;
  const { deal } = await getDealCard(ctx.crm.core(), dealId, { historyLines: 0 });
  const result = await winDeal(ctx.crm.core(), { dealId, amount: deal.amount });
  const text = t.deal.won({ amount: money(result.amount, deal.currency, t) });
  await ack(ctx, text);
  await showDeal(ctx, dealId, { edit: true, footer: text });
});

dealsFeature.callbackQuery(dpattern.lost, async (ctx) => {
  const dealId = ctx.match[1]!;
  const { t } = ctx.crm;
  const kb = choiceKeyboard(LOST_REASONS, (r) => [t.lostReasons[r], dcb.lostReason(dealId, r)]);
  await showDeal(ctx, dealId, { edit: true, keyboard: withBack(kb, ctx, dealId), footer: t.deal.chooseLost });
});

dealsFeature.callbackQuery(dpattern.lostReason, async (ctx) => {
  const [, dealId, reason] = ctx.match as unknown as [string, string, LostReason];
  const { t } = ctx.crm;
  await loseDeal(ctx.crm.core(), { dealId, reason });
  // The note is optional: the next text within the window is kept as the "why", anything later is not.
  awaitTypedInput(ctx.session, { dealInput: { kind: 'lost_note', dealId, since: ctx.crm.deps.now().getTime() } });
  const text = t.deal.lost({ reason: t.lostReasons[reason] ?? reason });
  await ack(ctx, text);
  await showDeal(ctx, dealId, { edit: true, footer: `${text}\n${t.deal.lostNoteOffer}` });
});

p.on('message:text').filter(awaitingDeal('lost_note'), async (ctx, next) => {
  const input = ctx.session.dealInput;
  if (input?.kind !== 'lost_note') return;
  delete ctx.session.dealInput;
  if (ctx.crm.deps.now().getTime() - input.since > LOST_NOTE_WINDOW_MS) return next();
  await noteLostDeal(ctx.crm.core(), { dealId: input.dealId, note: ctx.message.text });
  await showDeal(ctx, input.dealId, { footer: ctx.crm.t.deal.lostNoteSaved });
});

async function stageDone(ctx: BotContext, dealId: string, stage: OpenStage, edit: boolean) {
  const { t } = ctx.crm;
  delete ctx.session.dealInput;
  await showDeal(ctx, dealId, { edit, footer: t.deal.stageChanged({ stage: t.dealStages[stage] }) });
}

/** A card opened from the /deals list comes as a new message; Back on the card itself edits it in place. */
function isOnDealMessage(ctx: BotContext): boolean {
  const buttons = ctx.callbackQuery?.message?.reply_markup?.inline_keyboard.flat() ?? [];
  return !buttons.every((b) => 'callback_data' in b && b.callback_data?.startsWith('dc:'));
}
