import type { BotContext } from './context.js';

/** Typed input the deal side waits for; kept beside the lead side's `pending` in the same DB session. */
export type DealInput =
  | { kind: 'deal_field'; dealId: string; field: DealTextField }
  | { kind: 'deal_stage_next'; dealId: string; stage: string }
  | { kind: 'item_edit'; itemId: string; dealId: string }
  | { kind: 'product_new' }
  | { kind: 'product_price'; productId: string }
  /** `since`: the note after a loss is offered for a while only, like the note after a call. */
  | { kind: 'lost_note'; dealId: string; since: number }
  /** After the deal card's Note button; `since` as above, so a note offered yesterday catches nothing today. */
  | { kind: 'deal_note'; dealId: string; since: number };

export const DEAL_TEXT_FIELDS = ['title', 'amount', 'company', 'name', 'phone', 'email'] as const;
export type DealTextField = (typeof DEAL_TEXT_FIELDS)[number];

declare module './bot-session.js' {
  interface BotSession {
    dealInput?: DealInput;
  }
}

export function awaitingDeal(kind: DealInput['kind']) {
  return (ctx: BotContext): boolean =>
    ctx.session.dealInput?.kind === kind && typeof ctx.message?.text === 'string' && !ctx.message.text.startsWith('/');
}

/** Money as people type it: "150000", "150 000", "1 500,50", "99.9 ₽" → minor units; null when unreadable. */
export function parseMoney(text: string): number | null {
  const cleaned = text.replace(/[\s\u00A0\u202F₽$€]|руб\.?|rub/gi, '').replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return null;
  const minor = Math.round(Number(cleaned) * 100);
  return Number.isSafeInteger(minor) ? minor : null;
}

/** "2" or "2 15000" (quantity, then an optional price). */
export function parseQuantityAndPrice(text: string): { quantity: number; price?: number } | null {
  const [q, ...rest] = text.trim().split(/\s+/);
  const quantity = Number(q?.replace(',', '.'));
  if (!Number.isFinite(quantity) || quantity <= 0) return null;
  if (rest.length === 0) return { quantity };
  const price = parseMoney(rest.join(''));
  return price === null ? null : { quantity, price };
}
