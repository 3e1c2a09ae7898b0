import { Composer, InlineKeyboard } from 'grammy';
import { findContactsAndCompanies } from '../../src/core/contacts/find-contacts-and-companies.js';
import { findLeads } from '../../src/core/leads/find-leads.js';
import type { BotContext } from '../context.js';
import { showCard } from '../lead-reply.js';
import { leadListKeyboard } from '../render/lead-list.js';
import { contactButtons } from './contacts.js';

/**
 * `/find <text>`: leads first, then the contacts and companies that match. One lead and nothing
 * else opens its card; otherwise one list of buttons (a lone lead's card still comes first, with
 * the people and companies under it), so a converted client is found by the same search.
 */
export const findFeature = new Composer<BotContext>();

findFeature.command('find', async (ctx) => {
  const { t, timeZone, deps } = ctx.crm;
  const query = ctx.match.trim();
  if (!query) return void (await ctx.reply(t.find.usage));
  const core = ctx.crm.core();
  const [found, others] = await Promise.all([findLeads(core, query), findContactsAndCompanies(core, query)]);
  const otherCount = others.contacts.length + others.companies.length;
  if (found.length + otherCount === 0) return void (await ctx.reply(t.find.none));
  if (found.length === 1) await showCard(ctx, found[0]!.id);
  if (found.length === 1 && otherCount === 0) return;
  const kb = found.length > 1 ? leadListKeyboard(found.map((lead) => ({ lead })), { t, timeZone, now: deps.now() }) : new InlineKeyboard();
  contactButtons(kb, others);
  const counts = { leads: found.length, contacts: others.contacts.length, companies: others.companies.length };
  await ctx.reply(found.length === 1 ? t.find.alsoContacts(counts) : t.find.found(counts), { reply_markup: kb });
});
