import { eq } from 'drizzle-orm';
import type * as z from 'zod';
import { settings } from '../../../db/schema/index.js';
import type { CoreContext } from './context.js';
import { parseOr } from './validate.js';

/** One JSON value per key in the settings table; a missing key reads as undefined. */
export async function readSetting(ctx: Pick<CoreContext, 'db'>, key: string): Promise<unknown> {
  const [row] = await ctx.db.select({ value: settings.value }).from(settings).where(eq(settings.key, key)).limit(1);
  return row?.value;
}

/**
 * An object setting over its defaults: a field not stored takes its default, and a stored value
 * that no longer fits the schema gives the defaults whole (parseOr) rather than failing a proposal.
 */
export async function readSettingOver<S extends z.ZodType<object>>(
  ctx: Pick<CoreContext, 'db'>,
  key: string,
  schema: S,
  defaults: z.output<S>,
): Promise<z.output<S>> {
  const stored = await readSetting(ctx, key);
  return parseOr(schema, { ...defaults, ...(typeof stored === 'object' && stored !== null ? stored : {}) }, defaults);
}

/** The upsert for a setting, to go into a batch beside its history line. */
export function writeSetting(ctx: Pick<CoreContext, 'db'>, key: string, value: unknown, at: Date) {
  return ctx.db
    .insert(settings)
    .values({ key, value, updatedAt: at })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: at } });
}
