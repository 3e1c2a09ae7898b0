import { and, count, eq, lte, min } from 'drizzle-orm';
import { outbox } from '../../db/schema/index.js';
import type { CoreContext } from './context.js';

export interface Health {
  ok: boolean;
  database: { ok: boolean; latencyMs: number; error?: string };
  /**
   * Notifications waiting for Telegram. A growing backlog or an old oldest message means the bot
   * cannot deliver (token revoked, Telegram down): worth an alert, though the CRM itself is up.
   */
  outbox?: { due: number; oldestDueSeconds: number | null; failed: number };
}

export async function checkHealth(ctx: Pick<CoreContext, 'db' | 'now'>): Promise<Health> {
  const started = performance.now();
  try {
    const now = ctx.now();
    const [due] = await ctx.db
      .select({ n: count(), oldest: min(outbox.nextAttemptAt) })
      .from(outbox)
      .where(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now)));
    const [failed] = await ctx.db.select({ n: count() }).from(outbox).where(eq(outbox.status, 'failed'));
    const latencyMs = Math.round((performance.now() - started) * 100) / 100;
    const oldest = due?.oldest ? Math.max(0, Math.round((now.getTime() - new Date(due.oldest).getTime()) / 1000)) : null;
    return {
      ok: true,
      database: { ok: true, latencyMs },
      outbox: { due: due?.n ?? 0, oldestDueSeconds: oldest, failed: failed?.n ?? 0 },
    };
  } catch (e) {
    return {
      ok: false,
      database: { ok: false, latencyMs: Math.round(performance.now() - started), error: (e as Error).message },
    };
  }
}
