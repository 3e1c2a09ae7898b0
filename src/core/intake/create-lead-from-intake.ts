import { eq, sql } from 'drizzle-orm';
import { intakeKeys, leads } from '../../../db/schema/index.js';
import type { BatchItem } from 'drizzle-orm/batch';
import { directWriter, type BatchWriter } from '../shared/batch-writer.js';
import type { CoreContext } from '../shared/context.js';
import { CrmError } from '../shared/errors.js';
import { parseInput } from '../shared/validate.js';
import { intakeLogEntry } from './intake-log.js';
import { intakeLeadSchema, type IntakeLead, type IntakeLeadInput, type RawIntake } from './intake-input.js';
import {
  findByExternalKey,
  findOpenLeadOf,
  requestSummary,
  unreachableMessage,
  unreachableProblem,
  type IntakeLeadRef,
  type IntakeProblem,
} from './intake-lookup.js';
import { normalizeEmail, normalizePhone, type NormalizedPhone } from '../shared/phone.js';
import { historyEntry, isUniqueViolation, outboxEntry } from '../shared/records.js';
import { insertNewLead, newLeadRows, type NewLeadRows, type OpenedLead } from '../leads/new-lead-rows.js';

export type IntakeOutcomeKind = 'created' | 'joined' | 'replayed';

export interface IntakeResult {
  outcome: IntakeOutcomeKind;
  /** True when no new lead was made: a repeat request or a retried delivery. */
  duplicate: boolean;
  lead: IntakeLeadRef;
  /** For a retried delivery: what the first delivery did, so a replay can answer exactly as it did. */
  firstOutcome?: 'created' | 'joined';
}

export interface IntakeOptions {
  /**
   * false: queue no per-lead notification. A bulk import of a cold-call base would otherwise post
   * a card per row; its importer gets one summary instead and the leads wait in the pool.
   */
  notify?: boolean;
  /** When somebody already talked to the person (an answered call): the lead's first touch. */
  touchedAt?: Date;
  /**
   * SHA-256 of the request, when the sender chose the `externalId` itself (the public site form's
   * Idempotency-Key): the same key with another request is CONFLICT, so nobody's lead is merged away.
   */
  requestHash?: string;
}

/** A retried delivery racing its twin loses on a unique index; a fresh look then finds the winner. */
const MAX_ATTEMPTS = 4;

/**
 * The house rule for every incoming request: normalise, recognise a retry (same source id),
 * join an open lead of the same person (same phone or email), or open a new lead with a
 * first-contact call due within FIRST_CONTACT_MINUTES. Lead, activity, history, intake key,
 * raw log and notification land in one atomic batch.
 */
export async function createLeadFromIntake(
  ctx: CoreContext,
  input: IntakeLeadInput,
  raw?: RawIntake,
  opts: IntakeOptions = {},
): Promise<IntakeResult> {
  for (let attempt = 1; ; attempt++) {
    const plan = await planIntake(ctx, input, raw, opts);
    if (plan.write.length === 0) return plan.finish([]);
    try {
      const results = await (ctx.writer ?? directWriter(ctx.db)).batch(plan.write as unknown as WriteItems);
      ctx.onOutbox?.();
      return plan.finish(results as unknown as unknown[]);
    } catch (e) {
      if (!isUniqueViolation(e) || attempt >= MAX_ATTEMPTS) throw e;
    }
  }
}

type WriteItems = Parameters<BatchWriter['batch']>[0];

/**
 * What one request will write, decided but not yet written: the statements of its atomic batch
 * and how to read the answer from their results. A bulk import writes several plans in one batch;
 * `keys` (the normalised phone and email) tell it which plans would see each other's leads.
 */
export interface IntakePlan {
  outcome: IntakeOutcomeKind;
  keys: string[];
  write: BatchItem<'sqlite'>[];
  finish(results: unknown[]): IntakeResult;
  /**
   * A new lead whose `write` is exactly its three rows (no notification, intake key or raw log):
   * a bulk import writes many of these with `insertNewLeads`, a few statements instead of three a lead.
   */
  newLead?: NewLeadRows;
}

/** A new lead from a request: its columns as given, a first-contact call, where it came from in its history. */
function openedFromIntake(lead: IntakeLead, phone: NormalizedPhone | null, email: string | null, opts: IntakeOptions): OpenedLead {
  return {
    lead: {
      name: lead.name ?? null,
      phone: phone?.e164 ?? null,
      phoneExt: phone?.ext ?? null,
      phoneRaw: !phone && lead.phone ? lead.phone : null,
      email,
      companyName: lead.companyName ?? null,
      comment: lead.comment ?? null,
      channel: lead.channel,
      source: lead.source ?? null,
      utmSource: lead.utmSource ?? null,
      utmMedium: lead.utmMedium ?? null,
      utmCampaign: lead.utmCampaign ?? null,
      utmContent: lead.utmContent ?? null,
      utmTerm: lead.utmTerm ?? null,
      pageUrl: lead.pageUrl ?? null,
      referrer: lead.referrer ?? null,
      partnerId: lead.partnerId ?? null,
      extra: lead.extra && Object.keys(lead.extra).length > 0 ? lead.extra : null,
      status: 'new',
      firstTouchedAt: opts.touchedAt ?? null,
    },
    firstContact: { kind: 'call' },
    changes: { channel: lead.channel, source: lead.source ?? null },
  };
}

/** A request normalised and validated, before anything is looked up: what it says and whom it is about. */
export interface ReadIntake {
  lead: IntakeLead;
  phone: NormalizedPhone | null;
  email: string | null;
  /** The normalised phone and email, as `phone:<e164>` and `email:<address>`. */
  keys: string[];
}

/** Normalises and validates a request; throws VALIDATION (with the problem as data) for an unusable one. */
export function readIntake(ctx: Pick<CoreContext, 'settings'>, input: IntakeLeadInput): ReadIntake {
  // The problem goes with the refusal as data: the intake log and the form's answer name the field.
  const lead = parseInput(intakeLeadSchema, input, 'lead', {
    details: ({ field, message }) => ({ problem: { kind: 'invalid', field, message } satisfies IntakeProblem }),
  });
  const phone = normalizePhone(lead.phone, ctx.settings.defaultCountry);
  const email = normalizeEmail(lead.email);
  if (!phone && !email) throw new CrmError('VALIDATION', unreachableMessage(lead), { problem: unreachableProblem(lead) });
  const keys = [...(phone ? [`phone:${phone.e164}`] : []), ...(email ? [`email:${email}`] : [])];
  return { lead, phone, email, keys };
}

/** Normalises and validates the request and reads what it joins; throws VALIDATION for an unusable request. */
export async function planIntake(ctx: CoreContext, input: IntakeLeadInput, raw?: RawIntake, opts: IntakeOptions = {}): Promise<IntakePlan> {
  return planReadIntake(ctx, readIntake(ctx, input), raw, opts);
}

/** The plan for a request already read (`readIntake`); a bulk import passes the open lead it looked up for a whole chunk. */
export async function planReadIntake(
  ctx: CoreContext,
  read: ReadIntake,
  raw?: RawIntake,
  opts: IntakeOptions & { openLead?: IntakeLeadRef | null } = {},
): Promise<IntakePlan> {
  return { keys: read.keys, ...(await planWrite(ctx, read.lead, read.phone, read.email, raw, opts)) };
}

async function planWrite(
  ctx: CoreContext,
  lead: IntakeLead,
  phone: NormalizedPhone | null,
  email: string | null,
  raw: RawIntake | undefined,
  opts: IntakeOptions & { openLead?: IntakeLeadRef | null },
): Promise<Omit<IntakePlan, 'keys'>> {
  const { db } = ctx;
  const notify = opts.notify ?? true;
  const now = ctx.now();
  const externalKey = lead.externalId ? { source: lead.intakeSource, externalId: lead.externalId } : null;

  if (externalKey) {
    const seen = await findByExternalKey(ctx, externalKey.source, externalKey.externalId);
    if (seen) {
      const { firstOutcome, requestHash, ...seenLead } = seen;
      if (opts.requestHash && requestHash && requestHash !== opts.requestHash) {
        throw new CrmError(
          'CONFLICT',
          `Idempotency-Key "${externalKey.externalId}" was already used with a different request; use a new key for a new submission`,
        );
      }
      if (raw) await intakeLogEntry(ctx, { ...raw, source: lead.intakeSource, outcome: 'replayed', leadId: seenLead.id });
      const result: IntakeResult = { outcome: 'replayed', duplicate: true, lead: seenLead, firstOutcome };
      return { outcome: 'replayed', write: [], finish: () => result };
    }
  }

  const open = opts.openLead !== undefined ? opts.openLead : await findOpenLeadOf(ctx, phone, email);

  const trailing = (leadId: string, outcome: 'created' | 'joined') => [
    ...(externalKey ? [db.insert(intakeKeys).values({ ...externalKey, leadId, outcome, requestHash: opts.requestHash ?? null, createdAt: now })] : []),
    ...(raw ? [intakeLogEntry(ctx, { ...raw, source: lead.intakeSource, outcome, leadId })] : []),
  ];

  if (open) {
    const request = requestSummary(lead, phone, email);
    return {
      outcome: 'joined',
      write: [
        db
          .update(leads)
          .set({
            repeatCount: sql`${leads.repeatCount} + 1`,
            updatedAt: now,
            // Fill what the first request lacked; never overwrite what a manager may have corrected.
            name: sql`COALESCE(${leads.name}, ${lead.name ?? null})`,
            email: email ? sql`COALESCE(${leads.email}, ${email})` : undefined,
            phone: phone ? sql`COALESCE(${leads.phone}, ${phone.e164})` : undefined,
            companyName: sql`COALESCE(${leads.companyName}, ${lead.companyName ?? null})`,
          })
          .where(eq(leads.id, open.id)),
        historyEntry(db, { entityType: 'lead', entityId: open.id, action: 'repeat_request', actor: ctx.actor, at: now, changes: request }),
        ...(notify
          ? [outboxEntry(db, { kind: 'lead_repeat', payload: { leadId: open.id, request }, memberId: open.assigneeId, at: now })]
          : []),
        ...trailing(open.id, 'joined'),
      ],
      finish: () => ({ outcome: 'joined', duplicate: true, lead: open }),
    };
  }

  const rows = newLeadRows(ctx, openedFromIntake(lead, phone, email, opts), now);
  const leadId = rows.lead.id;
  const [insertLead, ...firstRows] = insertNewLead(db, rows);
  const extra = [
    ...(notify ? [outboxEntry(db, { kind: 'lead_created', payload: { leadId }, at: now, dedupeKey: `lead_created:${leadId}` })] : []),
    ...trailing(leadId, 'created'),
  ];
  return {
    outcome: 'created',
    write: [
      insertLead.returning({ number: leads.number }),
      ...firstRows,
      ...extra,
    ],
    ...(extra.length === 0 ? { newLead: rows } : {}),
    finish: (results) => {
      const number = (results[0] as { number: number }[] | undefined)?.[0]?.number;
      if (number === undefined) throw new Error('lead insert returned no number');
      return { outcome: 'created', duplicate: false, lead: { id: leadId, number, status: 'new', assigneeId: null } };
    },
  };
}
