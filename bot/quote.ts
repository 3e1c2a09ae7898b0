/** Any quotation mark a name may already carry: ООО «Ромашка», "Acme", „Фирма“. */
const HAS_QUOTES = /[«»“”„"‘’]/u;

/**
 * A name in quotes for a sentence: «Аудит» in Russian, “Audit” in English. A name that already
 * carries its own quotes (ООО «Ромашка») is left bare, never «ООО «Ромашка»».
 */
export function quoteRu(name: string): string {
  return HAS_QUOTES.test(name) ? name : `«${name}»`;
}

export function quoteEn(name: string): string {
  return HAS_QUOTES.test(name) ? name : `“${name}”`;
}
