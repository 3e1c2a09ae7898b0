/**
 * The key that makes "ООО «Ромашка»", "Ромашка" and 'romashka llc' style variants one company:
 * lower-case, quotes and legal forms stripped, spaces collapsed. Stored in companies.name_key (unique).
 */
// Only unambiguous forms: short words like "ab" or "sa" are also parts of real names.
const LEGAL_FORMS = ['ооо', 'оао', 'зао', 'пао', 'ао', 'нао', 'ип', 'тоо', 'llc', 'ltd', 'inc', 'corp', 'gmbh', 'plc', 'llp'];
const LEGAL_FORM = new RegExp(`(^|\\s)(${LEGAL_FORMS.join('|')})(?=\\s|$)`, 'gu');
const QUOTES_AND_PUNCTUATION = /["'«»„“”‘’`.,]/gu;

export function companyNameKey(name: string): string {
  const cleaned = name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(QUOTES_AND_PUNCTUATION, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const stripped = cleaned.replace(LEGAL_FORM, ' ').replace(/\s+/g, ' ').trim();
  // A name that is only a legal form ("ИП") keeps it rather than becoming an empty key.
  return stripped || cleaned;
}

/** Display name: trimmed, inner spaces collapsed; the legal form stays, as people write it. */
export function cleanCompanyName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, ' ').trim();
}
