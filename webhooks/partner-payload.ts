import * as z from 'zod';
import type { IntakeLeadInput } from '../src/core/intake/intake-input.js';

/** A union fails with zod's bare "Invalid input"; the sender needs to hear what the field must be. */
const text = z
  .union([z.string(), z.number().transform(String)], { error: 'must be a string or a number' })
  .optional()
  .nullable();

/**
 * The partner API's lead, in snake_case. Fields not listed here are kept in `extra`
 * with the partner's own `extra` object, so a partner's custom data is never dropped.
 */
export const partnerLeadSchema = z.looseObject({
  name: text,
  phone: text,
  email: text,
  company: text,
  comment: text,
  utm_source: text,
  utm_medium: text,
  utm_campaign: text,
  utm_content: text,
  utm_term: text,
  page_url: text,
  referrer: text,
  extra: z.record(z.string(), z.unknown(), { error: 'must be an object of your own fields, like {"region": "SPb"}' }).optional().nullable(),
});

export type PartnerLead = z.infer<typeof partnerLeadSchema>;

export function mapPartnerLead(p: PartnerLead): Partial<IntakeLeadInput> {
  const { name, phone, email, company, comment, utm_source, utm_medium, utm_campaign, utm_content, utm_term, page_url,
    referrer, extra, ...unknown } = p;
  const kept = { ...(extra ?? {}), ...unknown };
  return {
    name,
    phone,
    email,
    companyName: company,
    comment,
    utmSource: utm_source,
    utmMedium: utm_medium,
    utmCampaign: utm_campaign,
    utmContent: utm_content,
    utmTerm: utm_term,
    pageUrl: page_url,
    referrer,
    extra: Object.keys(kept).length ? kept : null,
  };
}
