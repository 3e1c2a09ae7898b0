import type { VatMode } from '../db/enums.js';
import type { SellerDetails } from '../src/core/proposals/seller-details.js';

/** The seller's details the owner types one at a time under /settings, in the order the menu shows them. */
export const SELLER_FIELDS = ['name', 'legalName', 'taxId', 'address', 'phone', 'email', 'website', 'proposalValidDays', 'proposalNote'] as const satisfies readonly (keyof SellerDetails)[];
export type SellerField = (typeof SELLER_FIELDS)[number];

/** Typed input of /settings (a seller's field, or the VAT rate); kept beside `pending` and `dealInput` in the same DB session. */
export type SettingsInput = { kind: 'seller_field'; field: SellerField } | { kind: 'vat_rate' };

declare module './bot-session.js' {
  interface BotSession {
    settingsInput?: SettingsInput;
  }
}

/** Buttons of /settings, at most 64 bytes: "sset:<field>", "svat:<mode>" and "svat:rate". */
export const scb = {
  field: (field: SellerField) => `sset:${field}`,
  vat: (choice: VatMode | 'rate') => `svat:${choice}`,
};
export const spattern = {
  field: /^sset:([a-zA-Z]+)$/,
  vat: /^svat:(none|included|on_top|rate)$/,
};

/** "22", "22%", "7,5", "7.5 %": a rate below 100 with at most two decimals; null for anything else (0 included). */
export function parseVatRate(text: string): number | null {
  const m = /^(\d{1,2}(?:[.,]\d{1,2})?)\s*%?$/.exec(text.trim());
  const rate = m ? Number(m[1]!.replace(',', '.')) : NaN;
  return rate > 0 && rate < 100 ? rate : null;
}

/** Removes the value (optional fields only): "-" or "—", as people type "nothing". */
export const CLEAR_MARK = /^[-—–]$/;
