import * as z from 'zod';
import { CHANNELS, INTAKE_SOURCES } from '../../../db/enums.js';

/** An identifier: cut short it would name another submission, so an over-long one is refused. */
const text = (max: number) =>
  z
    .string()
    .transform((v) => v.trim())
    .pipe(z.string().max(max, `must be at most ${max} characters`))
    .transform((v) => (v === '' ? undefined : v))
    .optional()
    .nullable();

/**
 * What a person wrote: an over-long comment or name is cut (marked with "…"), never a reason to
 * lose a request that carries a phone or an email.
 */
const freeText = (max: number) =>
  z
    .string()
    .transform((v) => v.trim())
    .transform((v) => (v.length > max ? `${v.slice(0, max - 1)}…` : v))
    .transform((v) => (v === '' ? undefined : v))
    .optional()
    .nullable();

/** One request for contact, whatever the channel, after the adapter mapped its payload. */
export const intakeLeadSchema = z.object({
  channel: z.enum(CHANNELS),
  /** The intake adapter: used to scope `externalId` and in the raw log. */
  intakeSource: z.enum(INTAKE_SOURCES),
  /** Human-readable origin: "tilda:form123", "zadarma:+74951112233", "partner:Acme". */
  source: freeText(200),
  /** The sender's own id for this submission; the same id twice is one request. */
  externalId: text(200),
  name: freeText(200),
  phone: freeText(64),
  email: freeText(254),
  companyName: freeText(200),
  comment: freeText(4000),
  utmSource: freeText(200),
  utmMedium: freeText(200),
  utmCampaign: freeText(200),
  utmContent: freeText(200),
  utmTerm: freeText(200),
  pageUrl: freeText(2000),
  referrer: freeText(2000),
  partnerId: text(64),
  extra: z.record(z.string(), z.unknown()).optional().nullable(),
});

export type IntakeLeadInput = z.input<typeof intakeLeadSchema>;
export type IntakeLead = z.output<typeof intakeLeadSchema>;

/** The raw request, stored in the intake log in the same write as its outcome. */
export interface RawIntake {
  contentType: string | null;
  body: string;
}
