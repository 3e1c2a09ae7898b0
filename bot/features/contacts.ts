import { Composer, InlineKeyboard } from 'grammy';
import { findContactsAndCompanies } from '../../src/core/contacts/find-contacts-and-companies.js';
import { getCompanyCard } from '../../src/core/contacts/get-company-card.js';
import { getContactCard } from '../../src/core/contacts/get-contact-card.js';
import { cb } from '../callback-data.js';
import type { BotContext } from '../context.js';
import { dcb, dpattern } from '../deal-callback-data.js';
import { escapeHtml, lookup } from '../i18n.js';
import { money } from '../money.js';
import { formatPhone } from '../../src/core/shared/phone.js';

/**
 * Contact and company cards (from a deal card or /contacts search), listing their people, leads and deals as
 * buttons. Telegram refuses a keyboard of over 100 buttons, so each list shows its first few and says how
 * many there are in all.
 */
export const contactsFeature = new Composer<BotContext>();

contactsFeature.chatType('private').command('contacts', async (ctx) => {
  const { t } = ctx.crm;
  const query = ctx.match.trim();
  if (!query) return void (await ctx.reply(t.contactCard.searchUsage));
  const found = await findContactsAndCompanies(ctx.crm.core(), query);
  const kb = contactButtons(new InlineKeyboard(), found);
  const text = found.contacts.length + found.companies.length === 0 ? t.find.none : t.contactCard.found({ contacts: found.contacts.length, companies: found.companies.length });
  await ctx.reply(text, { reply_markup: kb });
});

contactsFeature.callbackQuery(dpattern.contact, async (ctx) => {
  const { t } = ctx.crm;
  const card = await getContactCard(ctx.crm.core(), ctx.match[1]!);
  const c = card.contact;
  const lines = [`<b>${t.contactCard.title}</b>: ${escapeHtml(c.name ?? t.card.noName)}`];
  if (c.phone) lines.push(`📞 ${escapeHtml(formatPhone(c.phone))}`);
  if (c.email) lines.push(`✉️ ${escapeHtml(c.email)}`);
  if (card.company) lines.push(`🏢 ${escapeHtml(card.company.name)}`);
  const kb = new InlineKeyboard();
  if (card.company) kb.text(t.dealButtons.company, dcb.company(card.company.id)).row();
  lines.push(...linkButtons(ctx, kb, card.leads, card.deals));
  await ctx.reply(lines.join('\n'), { parse_mode: 'HTML', reply_markup: kb });
});

contactsFeature.callbackQuery(dpattern.company, async (ctx) => {
  const { t } = ctx.crm;
  const card = await getCompanyCard(ctx.crm.core(), ctx.match[1]!);
  const c = card.company;
  const lines = [`<b>${t.contactCard.company}</b>: ${escapeHtml(c.name)}`];
  for (const field of [c.phone && formatPhone(c.phone), c.email, c.website]) if (field) lines.push(escapeHtml(field));
  const kb = new InlineKeyboard();
  for (const person of card.contacts.slice(0, PEOPLE_SHOWN)) kb.text(`👤 ${person.name ?? (person.phone && formatPhone(person.phone)) ?? '?'}`, dcb.contact(person.id)).row();
  lines.push(...shownOf(ctx, t.contactCard.people, PEOPLE_SHOWN, card.contacts.length));
  lines.push(...linkButtons(ctx, kb, card.leads, card.deals));
  await ctx.reply(lines.join('\n'), { parse_mode: 'HTML', reply_markup: kb });
});

/** One button per person and per company, opening their cards (also under /find's leads). */
export function contactButtons(kb: InlineKeyboard, found: Awaited<ReturnType<typeof findContactsAndCompanies>>): InlineKeyboard {
  for (const c of found.contacts) kb.text(`👤 ${[c.name, c.phone && formatPhone(c.phone)].filter(Boolean).join(' · ')}`.slice(0, 64), dcb.contact(c.id)).row();
  for (const c of found.companies) kb.text(`🏢 ${c.name}`.slice(0, 64), dcb.company(c.id)).row();
  return kb;
}

const PEOPLE_SHOWN = 20;
const LINKS_SHOWN = 10;

/** "People: 20 of 134 shown" when a list is longer than its buttons; nothing otherwise. */
function shownOf(ctx: BotContext, what: string, shown: number, total: number): string[] {
  return total > shown ? [escapeHtml(ctx.crm.t.contactCard.shown({ what, shown, total }))] : [];
}

/** The deal and lead buttons; returns the card's lines for the lists cut short. */
function linkButtons(
  ctx: BotContext,
  kb: InlineKeyboard,
  leads: { id: string; number: number; status: string }[],
  deals: { id: string; number: number; title: string; stage: string; amount: number; currency: string }[],
): string[] {
  const { t } = ctx.crm;
  for (const d of deals.slice(0, LINKS_SHOWN)) {
    kb.text(`🤝 #${d.number} ${d.title.slice(0, 24)} · ${lookup(t.dealStages, d.stage)} · ${money(d.amount, d.currency, t)}`, dcb.deal(d.id)).row();
  }
  for (const l of leads.slice(0, LINKS_SHOWN)) kb.text(`📥 ${t.card.title({ number: l.number })} · ${lookup(t.statuses, l.status)}`, cb.card(l.id)).row();
  return [...shownOf(ctx, t.contactCard.deals, LINKS_SHOWN, deals.length), ...shownOf(ctx, t.contactCard.leads, LINKS_SHOWN, leads.length)];
}
