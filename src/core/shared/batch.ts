import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from '../../../db/client.js';

export type Statement = BatchItem<'sqlite'>;

/** Runs statements gathered from several builders as one atomic write (drizzle wants a non-empty tuple). */
export async function runBatch(db: Db, statements: Statement[]): Promise<void> {
  const [first, ...rest] = statements;
  if (!first) return;
  await db.batch([first, ...rest]);
}
