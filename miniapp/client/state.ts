import type { Me } from './types.js';

/** Who is signed in and their dictionary; set once at start. */
export const app = { me: null as unknown as Me };

/** A text of the page in the member's language: "+{n} more" with { n: 3 }. */
export function tr(key: string, params: Record<string, string | number> = {}): string {
  const text = app.me.t.ui[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}

export const isLeadership = () => app.me.member.role !== 'manager';

const moneyFormats = new Map<string, Intl.NumberFormat>();
/** Amounts are minor units (kopecks, cents). */
export function money(minor: number, currency: string): string {
  let f = moneyFormats.get(currency);
  if (!f) {
    f = new Intl.NumberFormat(app.me.t.locale, { style: 'currency', currency, maximumFractionDigits: 0 });
    moneyFormats.set(currency, f);
  }
  return f.format(minor / 100);
}

let dateFormat: Intl.DateTimeFormat | null = null;
/** "28.11, 15:00" in the member's own time zone. */
export function when(iso: string): string {
  dateFormat ??= new Intl.DateTimeFormat(app.me.t.locale, {
    timeZone: app.me.member.timeZone,
    day: '2-digit',
    month: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return dateFormat.format(new Date(iso));
}

export function toast(text: string): void {
  const el = document.createElement('div');
  el.className = 'toast';
  el.textContent = text;
  document.body.appendChild(el);
  setTimeout(() => el.remove(), 2500);
}

export function haptic(kind: 'success' | 'error'): void {
  window.Telegram?.WebApp?.HapticFeedback?.notificationOccurred?.(kind);
}
