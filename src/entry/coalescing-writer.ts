import type { BatchResponse } from 'drizzle-orm/batch';
import type { Db } from '../../db/client.js';
import type { BatchWriter } from '../core/shared/batch-writer.js';

type Items = Parameters<BatchWriter['batch']>[0];

interface Pending {
  items: Items;
  resolve: (results: unknown[]) => void;
  reject: (e: unknown) => void;
}

/**
 * Group commit for an embedded database: batches that arrive in the same turn of the event
 * loop are written as one transaction, so fifty concurrent intake requests pay for one commit
 * instead of fifty. Each caller still gets only its own results, and only after the commit.
 * If the combined write fails (typically one request's UNIQUE violation: the same person twice
 * in one group), every batch is retried on its own, so one caller's conflict never fails another.
 * Correctness does not depend on the grouping: the unique indexes decide, exactly as without it.
 */
export function coalescingWriter(db: Db, opts: { maxStatements?: number } = {}): BatchWriter {
  const maxStatements = opts.maxStatements ?? 2000;
  let queue: Pending[] = [];
  let scheduled = false;

  const flush = async () => {
    scheduled = false;
    const group = queue;
    queue = [];
    if (group.length === 1) return runAlone(db, group[0]!);
    const all = group.flatMap((p) => [...p.items]) as unknown as Items;
    try {
      const results = (await db.batch(all)) as unknown as unknown[];
      let offset = 0;
      for (const p of group) {
        p.resolve(results.slice(offset, offset + p.items.length));
        offset += p.items.length;
      }
    } catch {
      for (const p of group) await runAlone(db, p);
    }
  };

  return {
    batch<T extends Items>(items: T): Promise<BatchResponse<T>> {
      return new Promise<unknown[]>((resolve, reject) => {
        queue.push({ items, resolve, reject });
        const size = queue.reduce((n, p) => n + p.items.length, 0);
        if (size >= maxStatements) void flush();
        else if (!scheduled) {
          scheduled = true;
          // setImmediate runs after the poll phase: every request parsed in this turn has queued by then.
          setImmediate(() => void flush());
        }
      }) as Promise<BatchResponse<T>>;
    },
  };
}

async function runAlone(db: Db, p: Pending): Promise<void> {
  try {
    p.resolve((await db.batch(p.items)) as unknown as unknown[]);
  } catch (e) {
    p.reject(e);
  }
}
