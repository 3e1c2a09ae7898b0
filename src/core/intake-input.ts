import { z } from 'zod';
import { CHANNELS, INTAKE_SOURCES } from '../../db/enums.js';

const text = (max: number) =>
  z
    .string()
    .transform((v) => v.trim())
    .pipe(z.string().max(max, `must be at most ${max} characters`))
    .transform((v) => (v === '' ? undefined : v))
    .optional()
    .nullable();

/** One request for contact, whatever the channel, after the adapter mapped its payload. */
export const intakeLeadSchema = z.object({
  channel: z.enum(CHANNELS),
  /** The intake adapter: used to scope `externalId` and in the raw log. */
  intakeSource: z.enum(INTAKE_SOURCES),
  /** Human-readable origin: "tilda:form123", "zadarma:+74951112233", "partner:Acme". */
  source: text(200),
  /** The sender's own id for this submission; the same id twice is one request. */
  externalId: text(200),
  name: text(200),
  phone: text(64),
  email: text(254),
  companyName: text(200),
  comment: text(4000),
  utmSource: text(200),
  utmMedium: text(200),
  utmCampaign: text(200),
  utmContent: text(200),
  utmTerm: text(200),
  pageUrl: text(2000),
  referrer: text(2000),
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
