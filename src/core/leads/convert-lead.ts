import { and, count, eq, isNull, sql } from 'drizzle-orm';
import * as z from 'zod';
import { activities, contacts, deals, leads, type LeadRow } from '../../../db/schema/index.js';
import { assertCanSee, memberId } from '../shared/access.js';
import { runBatch, type Statement } from '../shared/batch.js';
import type { CoreContext } from '../shared/context.js';
import { CrmError, notFound, ruleBroken } from '../shared/errors.js';
import { findContactFor } from '../contacts/find-contact.js';
import { findOrCreateCompany, type CompanyPick } from '../contacts/find-or-create-company.js';
import { newId } from '../shared/ids.js';
import { plannedActivityInsert, plannedActivitySchema } from '../activities/next-step-rule.js';
import { diff, historyEntry, isUniqueViolation } from '../shared/records.js';
import { parseInput } from '../shared/validate.js';

export const convertLeadSchema = z.object({
  leadId: z.string().min(1),
  title: z.string().trim().min(1).max(200).optional(),
  /** Expected amount in minor units; typed by hand, so line items will not overwrite it. */
  amount: z.number().int().min(0).max(1e13).optional(),
  companyName: z.string().trim().min(1).max(200).optional(),
  next: plannedActivitySchema.optional(),
});
export type ConvertLeadInput = z.input<typeof convertLeadSchema>;

export interface ConvertLeadResult {
  dealId: string;
  dealNumber: number;
  contactId: string;
  contactCreated: boolean;
  companyId: string | null;
  companyCreated: boolean;
  movedActivities: number;
}

/** The lead's first follow-up when it had none open: the deal must not start without a dated step. */
const DEFAULT_NEXT_STEP_MS = 24 * 60 * 60 * 1000;

/**
 * A qualified lead becomes a contact, a company and a deal at once, in one atomic write.
 * The lead keeps its row (status converted) and its activities keep leadId, so its story stays readable.
 */
export async function convertLead(ctx: CoreContext, input: ConvertLeadInput): Promise<ConvertLeadResult> {
  const opts = parseInput(convertLeadSchema, input, 'conversion');
  for (let attempt = 1; ; attempt++) {
    try {
      return await tryConvert(ctx, opts);
    } catch (e) {
      // A racing conversion or a company created meanwhile: look again, now the winner is visible.
      if (!isUniqueViolation(e) || attempt >= 3) throw e;
    }
  }
}

async function tryConvert(ctx: CoreContext, opts: z.output<typeof convertLeadSchema>): Promise<ConvertLeadResult> {
  const { db } = ctx;
  const now = ctx.now();
  const lead = await loadConvertibleLead(ctx, opts.leadId);
  const companyName = opts.companyName ?? lead.companyName;
  const company = companyName ? await findOrCreateCompany(ctx, companyName) : null;
  const contact = await findContactFor(ctx, lead);
  const contactId = contact?.id ?? newId();
  const assigneeId = lead.assigneeId ?? memberId(ctx.actor);
  const dealId = newId();
  const title = opts.title ?? `${company?.name ?? lead.name ?? lead.phone ?? lead.email ?? 'Lead'} — #${lead.number}`;

  const statements: Statement[] = [...(company?.statements ?? [])];
  if (contact) {
    const fill = {
      name: contact.name ?? lead.name,
      phone: contact.phone ?? lead.phone,
      phoneExt: contact.phone ? contact.phoneExt : lead.phoneExt,
      email: contact.email ?? lead.email,
      companyId: contact.companyId ?? company?.id ?? null,
    };
    const changes = diff(contact, fill);
    if (Object.keys(changes).length > 0) {
      statements.push(
        db.update(contacts).set({ ...fill, updatedAt: now }).where(eq(contacts.id, contact.id)),
        historyEntry(db, { entityType: 'contact', entityId: contact.id, action: 'updated', actor: ctx.actor, at: now, changes }),
      );
    }
  } else {
    const values = { name: lead.name, phone: lead.phone, phoneExt: lead.phoneExt, email: lead.email, companyId: company?.id ?? null };
    statements.push(
      db.insert(contacts).values({ id: contactId, ...values, createdAt: now, updatedAt: now }),
      historyEntry(db, { entityType: 'contact', entityId: contactId, action: 'created', actor: ctx.actor, at: now, changes: { ...values, leadId: lead.id } }),
    );
  }

  const amount = opts.amount ?? 0;
  statements.push(
    db.insert(deals).values({
      id: dealId,
      number: sql`(SELECT COALESCE(MAX(${deals.number}), 0) + 1 FROM ${deals})`,
      title,
      stage: 'in_progress',
      amount,
      amountManual: opts.amount !== undefined,
      language: ctx.settings.defaultLanguage,
      leadId: lead.id,
      contactId,
      companyId: company?.id ?? null,
      assigneeId,
      channel: lead.channel,
      utmSource: lead.utmSource,
      utmMedium: lead.utmMedium,
      utmCampaign: lead.utmCampaign,
      utmContent: lead.utmContent,
      utmTerm: lead.utmTerm,
      createdAt: now,
      updatedAt: now,
    }),
    historyEntry(db, {
      entityType: 'deal',
      entityId: dealId,
      action: 'created',
      actor: ctx.actor,
      at: now,
      changes: { leadId: lead.id, leadNumber: lead.number, title, amount, contactId, companyId: company?.id ?? null, channel: lead.channel, language: ctx.settings.defaultLanguage },
    }),
    // The status guard makes a stale read harmless; the unique deals.lead_id makes a racing twin fail whole.
    db
      .update(leads)
      .set({ status: 'converted', closedAt: now, contactId, assigneeId, updatedAt: now })
      .where(and(eq(leads.id, lead.id), eq(leads.status, lead.status))),
    historyEntry(db, {
      entityType: 'lead',
      entityId: lead.id,
      action: 'converted',
      actor: ctx.actor,
      at: now,
      changes: { ...diff(lead, { status: 'converted' as const, contactId, assigneeId }), dealId },
    }),
  );

  const moved = await openLeadActivities(ctx, lead.id);
  statements.push(
    db.update(activities).set({ dealId, updatedAt: now }).where(and(eq(activities.leadId, lead.id), isNull(activities.doneAt))),
  );
  if (opts.next || moved === 0) {
    const next = opts.next ?? { kind: 'call' as const, dueAt: new Date(now.getTime() + DEFAULT_NEXT_STEP_MS) };
    statements.push(plannedActivityInsert(ctx, { dealId }, next, assigneeId, 'deal_next_step'));
  }
  await runBatch(db, statements);

  const [row] = await db.select({ number: deals.number }).from(deals).where(eq(deals.id, dealId));
  if (!row) throw new Error('deal insert left no row');
  return result(dealId, row.number, contactId, !contact, company, moved);
}

async function loadConvertibleLead(ctx: CoreContext, leadId: string): Promise<LeadRow> {
  const [lead] = await ctx.db.select().from(leads).where(eq(leads.id, leadId)).limit(1);
  if (!lead) throw notFound('Lead');
  assertCanSee(ctx.actor, lead, 'lead');
  if (lead.status === 'converted') throw new CrmError('CONFLICT', `Lead #${lead.number} is already converted`);
  if (lead.status === 'junk') throw ruleBroken('lead_closed', `Lead #${lead.number} is closed as junk`);
  return lead;
}

async function openLeadActivities(ctx: CoreContext, leadId: string): Promise<number> {
  const [row] = await ctx.db
    .select({ n: count() })
    .from(activities)
    .where(and(eq(activities.leadId, leadId), isNull(activities.doneAt)));
  return row?.n ?? 0;
}

function result(dealId: string, dealNumber: number, contactId: string, contactCreated: boolean, company: CompanyPick | null, moved: number): ConvertLeadResult {
  return {
    dealId,
    dealNumber,
    contactId,
    contactCreated,
    companyId: company?.id ?? null,
    companyCreated: company?.created ?? false,
    movedActivities: moved,
  };
}
