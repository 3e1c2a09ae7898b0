import { eq } from 'drizzle-orm';
import { settings } from '../../../db/schema/index.js';
import type { CoreContext } from './context.js';

/** One JSON value per key in the settings table; a missing key reads as undefined. */
export async function readSetting(ctx: Pick<CoreContext, 'db'>, key: string): Promise<unknown> {
  const [row] = await ctx.db.select({ value: settings.value }).from(settings).where(eq(settings.key, key)).limit(1);
  return row?.value;
}

/** The upsert for a setting, to go into a batch beside its history line. */
export function writeSetting(ctx: Pick<CoreContext, 'db'>, key: string, value: unknown, at: Date) {
  return ctx.db
    .insert(settings)
    .values({ key, value, updatedAt: at })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: at } });
}
