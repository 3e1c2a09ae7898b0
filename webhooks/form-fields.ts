import type { IntakeLeadInput } from '../src/core/intake/intake-input.js';

type LeadField = 'name' | 'lastName' | 'phone' | 'email' | 'companyName' | 'comment' | 'utmSource' | 'utmMedium'
  | 'utmCampaign' | 'utmContent' | 'utmTerm' | 'pageUrl' | 'referrer';

/**
 * Field names site builders and hand-written forms use, after `normalizeKey` (lower case,
 * spaces and hyphens as underscores). Russian labels appear when a builder posts its labels.
 */
const ALIASES: Record<LeadField, string[]> = {
  name: ['name', 'fio', 'full_name', 'fullname', 'first_name', 'firstname', 'your_name', 'client_name', 'contact_name',
    'contact', 'имя', 'фио', 'ваше_имя', 'имя_фамилия'],
  lastName: ['last_name', 'lastname', 'surname', 'фамилия'],
  phone: ['phone', 'tel', 'telephone', 'phone_number', 'phonenumber', 'mobile', 'your_phone', 'телефон', 'ваш_телефон',
    'номер_телефона', 'тел'],
  email: ['email', 'e_mail', 'mail', 'your_email', 'почта', 'электронная_почта', 'ваш_email', 'e_mail_адрес'],
  companyName: ['company', 'company_name', 'organization', 'organisation', 'компания', 'организация', 'название_компании'],
  comment: ['comment', 'comments', 'message', 'text', 'msg', 'question', 'your_message', 'комментарий', 'сообщение',
    'вопрос', 'текст'],
  utmSource: ['utm_source'],
  utmMedium: ['utm_medium'],
  utmCampaign: ['utm_campaign'],
  utmContent: ['utm_content'],
  utmTerm: ['utm_term'],
  pageUrl: ['page', 'page_url', 'pageurl', 'url', 'current_page', 'страница'],
  referrer: ['referrer', 'referer'],
};

const FIELD_BY_KEY = new Map<string, LeadField>();
for (const [field, keys] of Object.entries(ALIASES) as [LeadField, string[]][]) for (const k of keys) FIELD_BY_KEY.set(k, field);

export function normalizeKey(key: string): string {
  return key.trim().toLowerCase().replace(/[\s-]+/g, '_').replace(/ё/g, 'е');
}

export type MappedForm = Pick<IntakeLeadInput, Exclude<LeadField, 'lastName'> | 'extra'>;

/** Turns a flat form into lead fields; what it does not recognise stays in `extra`, verbatim. */
export function mapFormFields(record: Record<string, unknown>, skip: ReadonlySet<string> = new Set()): MappedForm {
  const found: Partial<Record<LeadField, string>> = {};
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (skip.has(key)) continue;
    const field = FIELD_BY_KEY.get(normalizeKey(key));
    const text = asText(value);
    if (field && text !== null && found[field] === undefined) {
      if (text !== '') found[field] = text;
    } else if (value !== '' && value !== null && value !== undefined) {
      extra[key] = value;
    }
  }
  const name = [found.name, found.lastName].filter(Boolean).join(' ') || undefined;
  const { lastName: _lastName, ...fields } = found;
  return { ...fields, name, extra: Object.keys(extra).length ? extra : undefined };
}

/** Strings as sent; numbers (a phone sent as a JSON number) as digits; a list of strings joined. */
function asText(value: unknown): string | null {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(', ').trim();
  return null;
}
