import { runBatch } from '../shared/batch.js';
import type { CoreContext } from '../shared/context.js';
import { forbidden } from '../shared/errors.js';
import { historyEntry } from '../shared/records.js';
import { readSettingOver, writeSetting } from '../shared/settings-store.js';
import { parseInput } from '../shared/validate.js';
import { DEFAULT_VAT, vatSettingSchema, type VatSetting } from './vat.js';

export const VAT_SETTING_KEY = 'vat';

/** The stored VAT mode and rate over the defaults (no VAT, 22%); a malformed value falls back rather than failing a proposal. */
export async function getVatSetting(ctx: Pick<CoreContext, 'db'>): Promise<VatSetting> {
  return readSettingOver(ctx, VAT_SETTING_KEY, vatSettingSchema, DEFAULT_VAT);
}

/**
 * The owner picks the VAT mode and rate; what is not given keeps its value (a mode keeps the rate
 * typed before). Recorded as a change of the seller's details, beside the other fields of /settings.
 */
export async function setVatSetting(ctx: CoreContext, patch: Partial<VatSetting>): Promise<VatSetting> {
  if (!(ctx.actor.kind === 'member' && ctx.actor.role === 'owner') && ctx.actor.kind !== 'system') {
    throw forbidden('Only the owner sets the VAT mode');
  }
  const before = await getVatSetting(ctx);
  const next = parseInput(vatSettingSchema, { ...before, ...patch }, 'vat');
  if (next.mode === before.mode && next.rate === before.rate) return next;
  const now = ctx.now();
  await runBatch(ctx.db, [
    writeSetting(ctx, VAT_SETTING_KEY, next, now),
    historyEntry(ctx.db, { entityType: 'member', entityId: VAT_SETTING_KEY, action: 'seller_details_changed', actor: ctx.actor, at: now, changes: { vat: [before, next] } }),
  ]);
  return next;
}
