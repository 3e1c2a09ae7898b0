import type { SellerDetails } from '../src/core/seller-details.js';

/** The seller's details the owner types one at a time under /settings, in the order the menu shows them. */
export const SELLER_FIELDS = ['name', 'legalName', 'taxId', 'address', 'phone', 'email', 'website', 'proposalValidDays', 'proposalNote'] as const satisfies readonly (keyof SellerDetails)[];
export type SellerField = (typeof SELLER_FIELDS)[number];

/** Typed input of /settings; kept beside `pending` and `dealInput` in the same DB session. */
export type SettingsInput = { kind: 'seller_field'; field: SellerField };

declare module './session.js' {
  interface BotSession {
    settingsInput?: SettingsInput;
  }
}

/** Buttons of /settings, at most 64 bytes: "sset:<field>". */
export const scb = {
  field: (field: SellerField) => `sset:${field}`,
};
export const spattern = {
  field: /^sset:([a-zA-Z]+)$/,
};

/** Removes the value (optional fields only): "-" or "—", as people type "nothing". */
export const CLEAR_MARK = /^[-—–]$/;
