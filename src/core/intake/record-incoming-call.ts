import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { OPEN_LEAD_STATUSES } from '../../../db/enums.js';
import { activities, contacts, intakeKeys, leads } from '../../../db/schema/index.js';
import type { CoreContext } from '../shared/context.js';
import { createLeadFromIntake } from './create-lead-from-intake.js';
import { CrmError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { intakeLogEntry } from './intake-log.js';
import type { RawIntake } from './intake-input.js';
import { normalizePhone } from '../shared/phone.js';
import { historyEntry, isUniqueViolation } from '../shared/records.js';

export interface IncomingCall {
  intakeSource: 'zadarma' | 'mango';
  /** The PBX's id of the call (Zadarma pbx_call_id, Mango entry_id): the same call twice is one event. */
  externalId: string;
  callerPhone: string;
  answered: boolean;
  durationSeconds: number;
  /** Which line was called: "zadarma:+74951234567". */
  source: string;
}

export interface IncomingCallResult {
  outcome: 'created' | 'joined' | 'replayed' | 'logged';
  duplicate: boolean;
  lead: { id: string; number: number; status: string };
}

type FoundLead = { id: string; number: number; status: string; assigneeId: string | null };

/**
 * A finished incoming call. Missed: the caller must be called back, so it becomes a lead
 * (channel missed_call) or joins the caller's open lead, like any request. Answered: someone
 * already talked, so the call is written as a done call on the caller's open lead (or their
 * contact's latest lead); only a caller we have never seen becomes a new lead (channel call).
 */
export async function recordIncomingCall(ctx: CoreContext, call: IncomingCall, raw?: RawIntake): Promise<IncomingCallResult> {
  const base = { intakeSource: call.intakeSource, externalId: call.externalId, phone: call.callerPhone, source: call.source };
  if (!call.answered) return createLeadFromIntake(ctx, { ...base, channel: 'missed_call' }, raw);

  const phone = normalizePhone(call.callerPhone, ctx.settings.defaultCountry);
  if (!phone) throw new CrmError('VALIDATION', `The caller's number "${call.callerPhone}" is not a phone number (hidden caller?)`);

  for (let attempt = 1; ; attempt++) {
    const seen = await findByCallId(ctx, call);
    if (seen) {
      if (raw) await intakeLogEntry(ctx, { ...raw, source: call.intakeSource, outcome: 'replayed', leadId: seen.id });
      return { outcome: 'replayed', duplicate: true, lead: strip(seen) };
    }
    const lead = await findCallersLead(ctx, phone.e164);
    if (!lead) {
      const comment = `Answered incoming call, ${call.durationSeconds} s`;
      return createLeadFromIntake(ctx, { ...base, channel: 'call', comment }, raw, { touchedAt: callStart(ctx, call) });
    }
    try {
      await logAnsweredCall(ctx, call, lead, raw);
      return { outcome: 'logged', duplicate: true, lead: strip(lead) };
    } catch (e) {
      // A twin delivery of the same call won the intake key: the next look replays it.
      if (!isUniqueViolation(e) || attempt >= 3) throw e;
    }
  }
}

async function logAnsweredCall(ctx: CoreContext, call: IncomingCall, lead: FoundLead, raw?: RawIntake) {
  const { db } = ctx;
  const now = ctx.now();
  const startedAt = callStart(ctx, call);
  const activityId = newId();
  await db.batch([
    db.insert(intakeKeys).values({
      source: call.intakeSource,
      externalId: call.externalId,
      leadId: lead.id,
      outcome: 'logged',
      createdAt: now,
    }),
    db.insert(activities).values({
      id: activityId,
      kind: 'call',
      subject: 'incoming_call',
      dueAt: startedAt,
      doneAt: now,
      result: 'reached',
      note: `Incoming call, ${call.durationSeconds} s`,
      assigneeId: lead.assigneeId,
      leadId: lead.id,
      createdBy: ctx.actor.label,
      createdAt: now,
      updatedAt: now,
    }),
    // Somebody talked to the caller: that is the lead's first touch if nobody had touched it yet.
    db
      .update(leads)
      .set({ updatedAt: now, firstTouchedAt: sql`COALESCE(${leads.firstTouchedAt}, ${startedAt.getTime()})` })
      .where(eq(leads.id, lead.id)),
    historyEntry(db, {
      entityType: 'lead',
      entityId: lead.id,
      action: 'call_logged',
      actor: ctx.actor,
      at: now,
      changes: { activityId, direction: 'incoming', durationSeconds: call.durationSeconds, source: call.source },
    }),
    ...(raw ? [intakeLogEntry(ctx, { ...raw, source: call.intakeSource, outcome: 'logged', leadId: lead.id })] : []),
  ]);
}

function callStart(ctx: CoreContext, call: IncomingCall): Date {
  return new Date(ctx.now().getTime() - call.durationSeconds * 1000);
}

const leadColumns = { id: leads.id, number: leads.number, status: leads.status, assigneeId: leads.assigneeId };

async function findByCallId(ctx: CoreContext, call: IncomingCall): Promise<FoundLead | null> {
  const [row] = await ctx.db
    .select(leadColumns)
    .from(intakeKeys)
    .innerJoin(leads, eq(leads.id, intakeKeys.leadId))
    .where(and(eq(intakeKeys.source, call.intakeSource), eq(intakeKeys.externalId, call.externalId)))
    .limit(1);
  return row ?? null;
}

/** The caller's open lead; failing that, the latest lead of a contact with this phone. */
async function findCallersLead(ctx: CoreContext, e164: string): Promise<FoundLead | null> {
  const [open] = await ctx.db
    .select(leadColumns)
    .from(leads)
    .where(and(eq(leads.phone, e164), inArray(leads.status, OPEN_LEAD_STATUSES)))
    .limit(1);
  if (open) return open;
  const [ofContact] = await ctx.db
    .select(leadColumns)
    .from(leads)
    .innerJoin(contacts, eq(contacts.id, leads.contactId))
    .where(eq(contacts.phone, e164))
    .orderBy(desc(leads.createdAt), sql`${leads.number} DESC`)
    .limit(1);
  return ofContact ?? null;
}

function strip(lead: FoundLead): IncomingCallResult['lead'] {
  return { id: lead.id, number: lead.number, status: lead.status };
}
