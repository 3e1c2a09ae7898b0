import { and, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { OPEN_LEAD_STATUSES } from '../../../db/enums.js';
import { intakeKeys, leads } from '../../../db/schema/index.js';
import type { CoreContext } from '../shared/context.js';
import type { IntakeLead } from './intake-input.js';
import type { NormalizedPhone } from '../shared/phone.js';

/** What intake says about a lead it found or made. */
export interface IntakeLeadRef {
  id: string;
  number: number;
  status: string;
  assigneeId: string | null;
}

/** A retried delivery: the lead its first delivery made or joined, and which of the two it was. */
export async function findByExternalKey(
  ctx: CoreContext,
  source: string,
  externalId: string,
): Promise<(IntakeLeadRef & { firstOutcome: 'created' | 'joined'; requestHash: string | null }) | null> {
  const [row] = await ctx.db
    .select({
      id: leads.id,
      number: leads.number,
      status: leads.status,
      assigneeId: leads.assigneeId,
      firstOutcome: sql<'created' | 'joined'>`${intakeKeys.outcome}`,
      requestHash: intakeKeys.requestHash,
    })
    .from(intakeKeys)
    .innerJoin(leads, eq(leads.id, intakeKeys.leadId))
    .where(and(eq(intakeKeys.source, source), eq(intakeKeys.externalId, externalId)))
    .limit(1);
  return row ?? null;
}

/** The same person's open lead: by phone first, then by email. */
export async function findOpenLeadOf(
  ctx: Pick<CoreContext, 'db'>,
  phone: NormalizedPhone | null,
  email: string | null,
): Promise<IntakeLeadRef | null> {
  const matches: SQL[] = [];
  if (phone) matches.push(eq(leads.phone, phone.e164));
  if (email) matches.push(eq(leads.email, email));
  const [open] = await ctx.db
    .select({ id: leads.id, number: leads.number, status: leads.status, assigneeId: leads.assigneeId })
    .from(leads)
    .where(and(inArray(leads.status, OPEN_LEAD_STATUSES), or(...matches)))
    .orderBy(sql`${leads.phone} IS NOT ${phone?.e164 ?? null}`)
    .limit(1);
  return open ?? null;
}

/** The open leads of many people at once (a bulk import's chunk), in one query whatever their number. */
export interface OpenLeadsOf {
  of(phone: NormalizedPhone | null, email: string | null): IntakeLeadRef | null;
}

export async function findOpenLeadsOf(ctx: Pick<CoreContext, 'db'>, people: { phone: NormalizedPhone | null; email: string | null }[]): Promise<OpenLeadsOf> {
  const phones = [...new Set(people.flatMap((p) => (p.phone ? [p.phone.e164] : [])))];
  const emails = [...new Set(people.flatMap((p) => (p.email ? [p.email] : [])))];
  const byPhone = new Map<string, IntakeLeadRef>();
  const byEmail = new Map<string, IntakeLeadRef>();
  if (phones.length + emails.length > 0) {
    // Two JSON arrays, not a bound value per address: D1 refuses more than 100 bound values a statement.
    const rows = await ctx.db
      .select({ id: leads.id, number: leads.number, status: leads.status, assigneeId: leads.assigneeId, phone: leads.phone, email: leads.email })
      .from(leads)
      .where(
        and(
          inArray(leads.status, OPEN_LEAD_STATUSES),
          or(
            sql`${leads.phone} IN (SELECT value FROM json_each(${JSON.stringify(phones)}))`,
            sql`${leads.email} IN (SELECT value FROM json_each(${JSON.stringify(emails)}))`,
          ),
        ),
      );
    for (const { phone, email, ...ref } of rows) {
      if (phone && !byPhone.has(phone)) byPhone.set(phone, ref);
      if (email && !byEmail.has(email)) byEmail.set(email, ref);
    }
  }
  // As findOpenLeadOf: the same phone first, then the same email.
  return { of: (phone, email) => (phone && byPhone.get(phone.e164)) || (email && byEmail.get(email)) || null };
}

/** What the repeat request said, for the lead's history and the assignee's notification. */
export function requestSummary(lead: IntakeLead, phone: NormalizedPhone | null, email: string | null) {
  const summary: Record<string, unknown> = { channel: lead.channel };
  const fields = {
    source: lead.source,
    name: lead.name,
    phone: phone?.e164,
    email,
    comment: lead.comment,
    utmSource: lead.utmSource,
    utmCampaign: lead.utmCampaign,
    pageUrl: lead.pageUrl,
  };
  for (const [k, v] of Object.entries(fields)) if (v) summary[k] = v;
  return summary;
}

/**
 * Why a request cannot become a lead, as data: adapters word it in their reader's language
 * (the CSV import's rejected-rows file), the message below words it in English for HTTP senders.
 */
export type IntakeProblem =
  | { kind: 'no_contact' }
  | { kind: 'bad_contact'; phone?: string; email?: string }
  | { kind: 'invalid'; field: string; message: string };

export function unreachableProblem(lead: IntakeLead): IntakeProblem {
  if (!lead.phone && !lead.email) return { kind: 'no_contact' };
  return { kind: 'bad_contact', ...(lead.phone ? { phone: lead.phone } : {}), ...(lead.email ? { email: lead.email } : {}) };
}

export function unreachableMessage(lead: IntakeLead): string {
  const problems: string[] = [];
  if (lead.phone) problems.push(`"${lead.phone}" is not a phone number`);
  if (lead.email) problems.push(`"${lead.email}" is not an email address`);
  if (problems.length === 0) return 'A lead needs a phone number or an email';
  return `A lead needs a phone number or an email: ${problems.join(', ')}`;
}
