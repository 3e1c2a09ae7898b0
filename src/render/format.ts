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

export function formatDate(date: Date, language: DocLanguage, timeZone: string): string {
  return new Intl.DateTimeFormat(LOCALES[language], { timeZone, day: '2-digit', month: '2-digit', year: 'numeric' }).format(date);
}
