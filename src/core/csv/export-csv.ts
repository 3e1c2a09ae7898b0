import { asc, eq, isNull, or, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { companies, contacts, deals, leads, members } from '../../../db/schema/index.js';
import { isLeadership, memberId } from '../shared/access.js';
import type { CoreContext } from '../shared/context.js';
import { toCsv, type CsvDelimiter } from './csv.js';
import { forbidden } from '../shared/errors.js';

export interface CsvExport {
  fileName: string;
  csv: string;
  rows: number;
}

const assignee = alias(members, 'assignee');

/**
 * Leads as CSV, what the actor may see (a manager: own and unassigned). Cells that a spreadsheet
 * would run as formulas are escaped in toCsv. `;` suits Excel with a Russian locale, `,` the rest.
 */
export async function exportLeads(ctx: CoreContext, opts: { delimiter?: CsvDelimiter } = {}): Promise<CsvExport> {
  const rows = await ctx.db
    .select({ lead: leads, assignee: assignee.name })
    .from(leads)
    .leftJoin(assignee, eq(assignee.id, leads.assigneeId))
    .where(visibleTo(ctx, leads.assigneeId))
    .orderBy(asc(leads.number));
  const header = ['number', 'created_at', 'status', 'name', 'phone', 'email', 'company', 'comment', 'channel', 'source', 'utm_source', 'utm_medium', 'utm_campaign', 'assignee', 'closed_at'];
  const lines = rows.map(({ lead: l, assignee: who }) => [
    l.number, l.createdAt, l.status, l.name, l.phone ?? l.phoneRaw, l.email, l.companyName, l.comment, l.channel, l.source,
    l.utmSource, l.utmMedium, l.utmCampaign, who, l.closedAt,
  ]);
  return { fileName: `leads-${stamp(ctx)}.csv`, csv: toCsv([header, ...lines], opts.delimiter), rows: lines.length };
}

export async function exportDeals(ctx: CoreContext, opts: { delimiter?: CsvDelimiter } = {}): Promise<CsvExport> {
  const rows = await ctx.db
    .select({ deal: deals, contact: contacts, company: companies.name, assignee: assignee.name })
    .from(deals)
    .leftJoin(contacts, eq(contacts.id, deals.contactId))
    .leftJoin(companies, eq(companies.id, deals.companyId))
    .leftJoin(assignee, eq(assignee.id, deals.assigneeId))
    .where(visibleTo(ctx, deals.assigneeId))
    .orderBy(asc(deals.number));
  const header = ['number', 'created_at', 'stage', 'title', 'amount', 'currency', 'contact', 'phone', 'email', 'company', 'assignee', 'channel', 'utm_source', 'utm_campaign', 'lost_reason', 'closed_at'];
  const lines = rows.map(({ deal: d, contact: c, company, assignee: who }) => [
    d.number, d.createdAt, d.stage, d.title, (d.amount / 100).toFixed(2), d.currency, c?.name, c?.phone, c?.email, company, who,
    d.channel, d.utmSource, d.utmCampaign, d.lostReason, d.closedAt,
  ]);
  return { fileName: `deals-${stamp(ctx)}.csv`, csv: toCsv([header, ...lines], opts.delimiter), rows: lines.length };
}

function visibleTo(ctx: CoreContext, column: typeof leads.assigneeId | typeof deals.assigneeId): SQL | undefined {
  if (ctx.actor.kind === 'webhook' || ctx.actor.kind === 'partner') throw forbidden('Exports are for team members');
  if (ctx.actor.kind !== 'member' || isLeadership(ctx.actor)) return undefined;
  return or(eq(column, memberId(ctx.actor) ?? ''), isNull(column));
}

function stamp(ctx: CoreContext): string {
  return ctx.now().toISOString().slice(0, 10);
}
