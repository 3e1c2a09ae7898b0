import { Composer, InlineKeyboard } from 'grammy';
import { addDealNote } from '../../src/core/deals/add-deal-note.js';
import { dealHistory } from '../../src/core/deals/deal-history.js';
import { getDealCard } from '../../src/core/deals/get-deal-card.js';
import { LOST_NOTE_WINDOW_MS } from '../../src/core/deals/note-lost-deal.js';
import type { BotContext } from '../context.js';
import { dealOfCard } from '../deal-card-of.js';
import { dcb, dpattern } from '../deal-callback-data.js';
import { awaitingDeal } from '../deal-input.js';
import { ignoreNotModified } from '../lead-reply.js';
import { dealHistoryLine } from '../render/deal-history-line.js';
import { awaitTypedInput } from '../typed-input.js';

/**
 * Deal notes and the deal's timeline, as the lead side has them (notes-history.ts): a text reply
 * to a deal card or the Note button then text adds a note; History pages through every event.
 */
export const dealNotesFeature = new Composer<BotContext>();
const PAGE = 10;
/** How long after the Note button the next text still counts as the note (the lead side's window). */
const NOTE_WINDOW_MS = 30 * 60_000;

dealNotesFeature.on('message:text').filter(
  (ctx) => !ctx.message.text.startsWith('/') && ctx.message.reply_to_message?.from?.id === ctx.me.id,
  async (ctx, next) => {
    const dealId = dealOfCard(ctx.message.reply_to_message);
    if (!dealId || isLostNoteReply(ctx, dealId)) return next();
    await saveDealNote(ctx, dealId, ctx.message.text);
  },
);

dealNotesFeature.on('message:text').filter(awaitingDeal('deal_note'), async (ctx, next) => {
  const input = ctx.session.dealInput;
  if (input?.kind !== 'deal_note') return;
  if (ctx.crm.deps.now().getTime() - input.since > NOTE_WINDOW_MS) {
    delete ctx.session.dealInput;
    return next();
  }
  await saveDealNote(ctx, input.dealId, ctx.message.text);
});

dealNotesFeature.callbackQuery(dpattern.note, async (ctx) => {
  const dealId = ctx.match[1]!;
  // Read first: a deal the member may not see is refused at the tap, not after they typed the note.
  const { deal } = await getDealCard(ctx.crm.core(), dealId, { historyLines: 0 });
  awaitTypedInput(ctx.session, { dealInput: { kind: 'deal_note', dealId, since: ctx.crm.deps.now().getTime() } });
  await ctx.reply(ctx.crm.t.deal.noteAsk({ number: deal.number }));
});

dealNotesFeature.callbackQuery(dpattern.history, async (ctx) => {
  const dealId = ctx.match[1]!;
  const page = Number(ctx.match[2]);
  const { t, timeZone, deps } = ctx.crm;
  const hist = await dealHistory(ctx.crm.core(), dealId, { offset: page * PAGE, limit: PAGE });
  const pages = Math.max(Math.ceil(hist.total / PAGE), 1);
  const title = `<b>${t.deal.historyTitle({ number: hist.deal.number, page: page + 1, pages })}</b>`;
  const lines = hist.items.map((row) => dealHistoryLine(row, t, timeZone, deps.now()));
  const kb = new InlineKeyboard();
  if (page > 0) kb.text(t.buttons.prev, dcb.history(dealId, page - 1));
  if (page + 1 < pages) kb.text(t.buttons.next, dcb.history(dealId, page + 1));
  // Note beside Back: reading the timeline is when a note comes to mind, and it keeps the page a
  // deal card (a reply to it is a note; Back edits it in place rather than sending a new card).
  kb.row().text(t.dealButtons.note, dcb.note(dealId)).text(t.dealButtons.deal, dcb.deal(dealId));
  const text = [title, ...(lines.length ? lines : [t.history.empty])].join('\n');
  await ctx.editMessageText(text, { parse_mode: 'HTML', reply_markup: kb }).catch(ignoreNotModified);
});

async function saveDealNote(ctx: BotContext, dealId: string, text: string): Promise<void> {
  const saved = await addDealNote(ctx.crm.core(), dealId, text);
  // The Note prompt is answered either way (typed or as a reply); another step in progress is left alone.
  if (ctx.session.dealInput?.kind === 'deal_note') delete ctx.session.dealInput;
  await ctx.reply(ctx.crm.t.deal.noteSaved({ number: saved.number }));
}

/**
 * Right after a loss the card asks "send a note on why": a reply to that card is the loss's note
 * (kept on the deal, shown beside the reason), so it is left to the lost-note step in deals.ts.
 */
function isLostNoteReply(ctx: BotContext, dealId: string): boolean {
  const input = ctx.session.dealInput;
  return (
    ctx.chat?.type === 'private' &&
    input?.kind === 'lost_note' &&
    input.dealId === dealId &&
    ctx.crm.deps.now().getTime() - input.since <= LOST_NOTE_WINDOW_MS
  );
}
