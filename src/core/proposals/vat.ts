import * as z from 'zod';
import { VAT_MODES, type VatMode } from '../../../db/enums.js';

/** Russia's standard rate since 2026; the owner changes it in /settings. */
export const DEFAULT_VAT_RATE = 22;

export const vatSettingSchema = z.object({
  mode: z.enum(VAT_MODES),
  /** Percent, 0 < rate < 100, at most two decimals (7.5, 22). */
  rate: z
    .number()
    .gt(0, 'the VAT rate is above 0%')
    .lt(100, 'the VAT rate is below 100%')
    .refine((r) => Number.isInteger(Math.round(r * 1e6) / 1e4), 'the VAT rate has at most two decimals'),
});
export type VatSetting = z.output<typeof vatSettingSchema>;

export const DEFAULT_VAT: VatSetting = { mode: 'none', rate: DEFAULT_VAT_RATE };

/** What a proposal's totals print, all in minor units (kopecks, cents). */
export interface VatTotals {
  mode: VatMode;
  rate: number;
  /** The line items added up, as priced. */
  itemsTotal: number;
  /** The VAT in the sum: part of `itemsTotal` when included, on top of it otherwise; null without VAT. */
  vat: number | null;
  /** What the client pays: `itemsTotal`, plus the VAT when it is charged on top. */
  payable: number;
}

/**
 * VAT of a whole proposal. Rounding rule: the VAT is computed once on the document's total (not per
 * line) and rounded half up to a whole kopeck, as Russian invoices state "в т.ч. НДС" of the sum:
 * included = total × rate / (100 + rate), on top = total × rate / 100. The arithmetic is in BigInt
 * on the rate in hundredths of a percent, so even a 10¹⁶-kopeck total gives the exact kopeck.
 */
export function vatTotals(itemsTotal: number, setting: VatSetting): VatTotals {
  const base = { mode: setting.mode, rate: setting.rate, itemsTotal };
  if (setting.mode === 'none') return { ...base, vat: null, payable: itemsTotal };
  const bp = BigInt(Math.round(setting.rate * 100));
  const total = BigInt(itemsTotal);
  const vat = setting.mode === 'included' ? roundHalfUp(total * bp, 10_000n + bp) : roundHalfUp(total * bp, 10_000n);
  return { ...base, vat, payable: setting.mode === 'on_top' ? itemsTotal + vat : itemsTotal };
}

/** n / d rounded half up, for n ≥ 0 and d > 0. */
function roundHalfUp(n: bigint, d: bigint): number {
  return Number((2n * n + d) / (2n * d));
}
