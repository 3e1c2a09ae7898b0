import * as z from 'zod';
import type { IntakeLeadInput } from '../src/core/intake/intake-input.js';

/** A union fails with zod's bare "Invalid input"; the sender needs to hear what the field must be. */
const text = z
  .union([z.string(), z.number().transform(String)], { error: 'must be a string or a number' })
  .optional()
  .nullable();
const multiValue = z.looseObject({ VALUE: text, VALUE_TYPE: text });
/** PHONE, EMAIL...: a list of `{VALUE, VALUE_TYPE}`; some clients send an object keyed n0, n1. */
const multiField = z
  .union([z.array(multiValue), z.record(z.string(), multiValue).transform((o) => Object.values(o))], {
    error: 'must be a list like [{"VALUE": "+7 903 555-66-77", "VALUE_TYPE": "WORK"}]',
  })
  .optional()
  .nullable();

/** Bitrix24 `crm.lead.add` fields this CRM maps; all others are kept in `extra` as sent. */
export const bitrixLeadSchema = z.object({
  fields: z.looseObject({
    TITLE: text,
    NAME: text,
    SECOND_NAME: text,
    LAST_NAME: text,
    COMPANY_TITLE: text,
    COMMENTS: text,
    UTM_SOURCE: text,
    UTM_MEDIUM: text,
    UTM_CAMPAIGN: text,
    UTM_CONTENT: text,
    UTM_TERM: text,
    PHONE: multiField,
    EMAIL: multiField,
  }, { error: 'fields is required: an object like {"NAME": "...", "PHONE": [{"VALUE": "..."}]}' }),
  params: z.unknown().optional(),
});

export type BitrixLead = z.infer<typeof bitrixLeadSchema>;

export function mapBitrixLead(body: BitrixLead): Partial<IntakeLeadInput> {
  const { TITLE, NAME, SECOND_NAME, LAST_NAME, COMPANY_TITLE, COMMENTS, UTM_SOURCE, UTM_MEDIUM, UTM_CAMPAIGN, UTM_CONTENT,
    UTM_TERM, PHONE, EMAIL, ...rest } = body.fields;
  const phones = values(PHONE);
  const emails = values(EMAIL);
  const extra: Record<string, unknown> = { ...rest };
  if (TITLE) extra.TITLE = TITLE;
  // The first phone and email are the lead's; further ones stay readable in extra.
  if (phones.length > 1) extra.PHONE = phones.slice(1);
  if (emails.length > 1) extra.EMAIL = emails.slice(1);
  const name = [NAME, SECOND_NAME, LAST_NAME].map((v) => v?.trim()).filter(Boolean).join(' ');
  return {
    name: name || null,
    phone: phones[0] ?? null,
    email: emails[0] ?? null,
    companyName: COMPANY_TITLE,
    comment: COMMENTS ?? TITLE,
    utmSource: UTM_SOURCE,
    utmMedium: UTM_MEDIUM,
    utmCampaign: UTM_CAMPAIGN,
    utmContent: UTM_CONTENT,
    utmTerm: UTM_TERM,
    extra: Object.keys(extra).length ? extra : null,
  };
}

function values(field: { VALUE?: string | null }[] | null | undefined): string[] {
  return (field ?? []).map((v) => v.VALUE?.trim() ?? '').filter(Boolean);
}
