import { sql } from 'drizzle-orm';
import type { CoreContext } from './context.js';

export interface Health {
  ok: boolean;
  database: { ok: boolean; latencyMs: number; error?: string };
}

export async function checkHealth(ctx: Pick<CoreContext, 'db'>): Promise<Health> {
  const started = performance.now();
  try {
    await ctx.db.run(sql`SELECT 1`);
    return { ok: true, database: { ok: true, latencyMs: Math.round((performance.now() - started) * 100) / 100 } };
  } catch (e) {
    return {
      ok: false,
      database: { ok: false, latencyMs: Math.round(performance.now() - started), error: (e as Error).message },
    };
  }
}
