import type { BatchItem, BatchResponse } from 'drizzle-orm/batch';
import type { Db } from '../../../db/client.js';

type Items = Readonly<[BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]>;

/** Runs one atomic batch of statements. Use cases write through this on hot paths. */
export interface BatchWriter {
  batch<T extends Items>(items: T): Promise<BatchResponse<T>>;
}

export function directWriter(db: Db): BatchWriter {
  return { batch: (items) => db.batch(items) };
}
