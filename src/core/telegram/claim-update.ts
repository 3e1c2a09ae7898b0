import { telegramUpdates } from '../../../db/schema/index.js';
import type { CoreContext } from '../shared/context.js';

/**
 * Takes in a Telegram update once: true the first time its `update_id` is seen, false for a
 * redelivery. The row is the first write the update makes, before any side effect, so an update is
 * handled at most once whichever instance (webhook or polling, Node or Workers) receives it again.
 */
export async function claimUpdate(ctx: Pick<CoreContext, 'db' | 'now'>, updateId: number): Promise<boolean> {
  const inserted = await ctx.db
    .insert(telegramUpdates)
    .values({ updateId, receivedAt: ctx.now() })
    .onConflictDoNothing()
    .returning({ updateId: telegramUpdates.updateId });
  return inserted.length > 0;
}
