import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import { botSessions } from '../../../db/schema/index.js';

type SessionContext = { db: Db; now: () => Date };

/**
 * Chat sessions and multi-step input ("awaiting a date for lead #12") kept in libSQL, so the next
 * update can be served by any instance (another Node process, a fresh Workers isolate).
 */
export async function readSession<T>(ctx: SessionContext, key: string): Promise<T | undefined> {
  const [row] = await ctx.db.select({ value: botSessions.value }).from(botSessions).where(eq(botSessions.key, key)).limit(1);
  return row ? (JSON.parse(row.value) as T) : undefined;
}

export async function writeSession<T>(ctx: SessionContext, key: string, value: T): Promise<void> {
  const text = JSON.stringify(value);
  const updatedAt = ctx.now();
  await ctx.db
    .insert(botSessions)
    .values({ key, value: text, updatedAt })
    .onConflictDoUpdate({ target: botSessions.key, set: { value: text, updatedAt } });
}

export async function deleteSession(ctx: SessionContext, key: string): Promise<void> {
  await ctx.db.delete(botSessions).where(eq(botSessions.key, key));
}
