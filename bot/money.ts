import type { Messages } from './i18n.js';

/** Minor units to "150 000 ₽" in the reader's locale; kopecks only when there are some. */
export function money(minor: number, currency: string, t: Messages): string {
  const whole = minor % 100 === 0;
  return new Intl.NumberFormat(t.locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: whole ? 0 : 2,
    maximumFractionDigits: 2,
  }).format(minor / 100);
}
