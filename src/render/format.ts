/** Money and dates for documents, with Intl only (runs on Node and Workers alike). */
const LOCALES = { ru: 'ru-RU', en: 'en-GB' } as const;
export type DocLanguage = keyof typeof LOCALES;

/** Minor units to "150 000,00 ₽" / "RUB 150,000.00". */
export function formatMoney(minor: number, currency: string, language: DocLanguage): string {
  return new Intl.NumberFormat(LOCALES[language], { style: 'currency', currency, minimumFractionDigits: 2 }).format(minor / 100);
}

export function formatQuantity(quantity: number, language: DocLanguage): string {
  return new Intl.NumberFormat(LOCALES[language], { maximumFractionDigits: 3 }).format(quantity);
}

/**
 * "02.12.2026" in Russian, "2 Dec 2026" in English: a numeric 02/12/2026 reads as the 12th of February
 * to an American client, a month's name cannot be misread.
 */
export function formatDate(date: Date, language: DocLanguage, timeZone: string): string {
  const style: Intl.DateTimeFormatOptions = language === 'ru' ? { day: '2-digit', month: '2-digit', year: 'numeric' } : { day: 'numeric', month: 'short', year: 'numeric' };
  return new Intl.DateTimeFormat(LOCALES[language], { timeZone, ...style }).format(date);
}

/** A VAT rate: "22%", "7,5%" / "7.5%". */
export function formatPercent(rate: number, language: DocLanguage): string {
  return `${new Intl.NumberFormat(LOCALES[language], { maximumFractionDigits: 2 }).format(rate)}%`;
}
