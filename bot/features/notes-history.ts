import { Composer, InlineKeyboard } from 'grammy';
import type { Message } from 'grammy/types';
import { addNote } from '../../src/core/leads/add-lead-note.js';
import { findLeads } from '../../src/core/leads/find-leads.js';
import { getLeadView } from '../../src/core/leads/get-lead-view.js';
import { leadHistory } from '../../src/core/leads/lead-history.js';
import { cb, leadIdOfCallback, pattern } from '../callback-data.js';
import type { BotContext } from '../context.js';
import { awaiting } from '../lead-reply.js';
import { historyLine } from '../render/history-line.js';
import { awaitTypedInput } from '../typed-input.js';

/**
 * Notes: a text reply to a lead card, the Note button, or the text right after a call or junk.
 * History: the full timeline, newest first, ten lines a page.
 */
export const notesHistoryFeature = new Composer<BotContext>();
const PAGE = 10;

notesHistoryFeature.on('message:text').filter(
  (ctx) => !ctx.message.text.startsWith('/') && ctx.message.reply_to_message?.from?.id === ctx.me.id,
  async (ctx, next) => {
    const leadId = await leadOfCard(ctx, ctx.message.reply_to_message!);
    if (!leadId) return next();
    await saveNote(ctx, leadId, ctx.message.text);
  },
);

/** How long after a call, junk or the Note button the next text still counts as a note. */
const NOTE_WINDOW_MS = 30 * 60_000;

notesHistoryFeature.on('message:text').filter(awaiting('note'), async (ctx, next) => {
  const pending = ctx.session.pending;
  if (pending?.kind !== 'note') return;
  if (ctx.crm.deps.now().getTime() - pending.since > NOTE_WINDOW_MS) {
    delete ctx.session.pending;
    return next();
  }
  await saveNote(ctx, pending.leadId, ctx.message.text);
});

notesHistoryFeature.callbackQuery(pattern.note, async (ctx) => {
  const leadId = ctx.match[1]!;
  const view = await getLeadView(ctx.crm.core(), leadId);
  awaitTypedInput(ctx.session, { pending: { kind: 'note', leadId, since: ctx.crm.deps.now().getTime() } });
  await ctx.reply(ctx.crm.t.note.ask({ number: view.lead.number }));
});

notesHistoryFeature.callbackQuery(pattern.history, async (ctx) => {
  const leadId = ctx.match[1]!;
  const page = Number(ctx.match[2]);
  const { t, timeZone, deps } = ctx.crm;
  const core = ctx.crm.core();
  const [view, hist] = await Promise.all([getLeadView(core, leadId, 0), leadHistory(core, leadId, { offset: page * PAGE, limit: PAGE })]);
  const pages = Math.max(Math.ceil(hist.total / PAGE), 1);
  const title = `<b>${t.history.title({ number: view.lead.number, page: page + 1, pages })}</b>`;
  const lines = hist.items.map((row) => historyLine(row, t, timeZone, deps.now()));
  const kb = new InlineKeyboard();
  if (page > 0) kb.text(t.buttons.prev, cb.history(leadId, page - 1));
  if (page + 1 < pages) kb.text(t.buttons.next, cb.history(leadId, page + 1));
  kb.row().text(t.buttons.card, cb.card(leadId));
  await ctx.editMessageText([title, ...(lines.length ? lines : [t.history.empty])].join('\n'), { parse_mode: 'HTML', reply_markup: kb });
});

async function saveNote(ctx: BotContext, leadId: string, text: string) {
  await addNote(ctx.crm.core(), leadId, text);
  delete ctx.session.pending;
  const view = await getLeadView(ctx.crm.core(), leadId, 0);
  await ctx.reply(ctx.crm.t.note.saved({ number: view.lead.number }));
}

/**
 * The lead a card is about: from its lead buttons (language-free), else from "#12" in the text of a
 * card without buttons (the team chat's, once taken). A list is no card, and neither is a message
 * whose buttons are all someone else's (a deal card, a reminder): its "#12" is not a lead number.
 */
async function leadOfCard(ctx: BotContext, card: Message): Promise<string | null> {
  const ids = new Set<string>();
  const buttons = card.reply_markup?.inline_keyboard.flat() ?? [];
  for (const button of buttons) {
    const id = 'callback_data' in button ? leadIdOfCallback(button.callback_data) : null;
    if (id) ids.add(id);
  }
  if (ids.size === 1) return [...ids][0]!;
  if (ids.size === 0 && buttons.length > 0) return null;
  const numbers = new Set([...(card.text ?? '').matchAll(/#(\d+)/g)].map((m) => m[1]));
  if (ids.size > 1 || numbers.size !== 1) return null;
  const [found] = await findLeads(ctx.crm.core(), `#${[...numbers][0]}`, 1);
  return found?.id ?? null;
}
