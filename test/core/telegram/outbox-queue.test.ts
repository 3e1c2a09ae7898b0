import { beforeEach, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../../db/client.js';
import { outbox } from '../../../db/schema/index.js';
import { claimDueOutbox, failOutbox, markOutboxSent, outboxBackoffMs, rescheduleOutbox } from '../../../src/core/telegram/outbox-queue.js';
import { outboxEntry } from '../../../src/core/shared/records.js';
import { deleteSession, readSession, writeSession } from '../../../src/core/telegram/session-store.js';
import { TestClock } from '../../helpers/context.js';
import { freshDb, useFreshDb } from '../../helpers/db.js';

describe('outbox queue', () => {
  const h = useFreshDb();
  let q: { db: DbHandle['db']; now: () => Date };
  beforeEach(async () => {
    q = { db: h.db, now: h.clock.now };
    // Ten chats: one chat's rows leave in order, so only different chats can be split between senders.
    for (let i = 0; i < 10; i++) await outboxEntry(h.db, { kind: 'test', chatId: 1000 + i, payload: { i }, at: h.clock.now() });
  });

  it('concurrent claims split the due rows; none is claimed twice', async () => {
    const claims = await Promise.all([1, 2, 3, 4].map(() => claimDueOutbox(q, { limit: 4 })));
    const ids = claims.flat().map((r) => r.id);
    expect(ids).toHaveLength(10);
    expect(new Set(ids).size).toBe(10);
    expect(await claimDueOutbox(q, { limit: 10 })).toHaveLength(0);
  });

  it('a claim expires: rows of a sender that died are claimed again after the lock', async () => {
    await claimDueOutbox(q, { limit: 10, lockMs: 60_000 });
    h.clock.advance(59_000);
    expect(await claimDueOutbox(q, { limit: 10 })).toHaveLength(0);
    h.clock.advance(2_000);
    const again = await claimDueOutbox(q, { limit: 10 });
    expect(again).toHaveLength(10);
    expect(again[0]?.attempts).toBe(2);
  });

  it('only the holder of the claim settles a row; sent rows are never claimed again', async () => {
    const [row] = await claimDueOutbox(q, { limit: 1, lockMs: 1000 });
    h.clock.advance(2000);
    const [stolen] = await claimDueOutbox(q, { limit: 1 });
    expect(stolen?.id).toBe(row!.id);
    expect(await markOutboxSent(q, row!, { messageId: 1 })).toBe(false);
    expect(await markOutboxSent(q, stolen!, { messageId: 2 })).toBe(true);
    h.clock.advance(3600_000);
    expect((await claimDueOutbox(q, { limit: 100 })).map((r) => r.id)).not.toContain(row!.id);
  });

  it('reschedules with backoff and keeps failed rows with their reason', async () => {
    const [a, b] = await claimDueOutbox(q, { limit: 2 });
    await rescheduleOutbox(q, a!, { delayMs: outboxBackoffMs(a!.attempts), error: '500' });
    await failOutbox(q, b!, '403: blocked');
    const rows = await h.db.select().from(outbox);
    expect(rows.find((r) => r.id === a!.id)).toMatchObject({ status: 'pending', lastError: '500', lockedUntil: null });
    expect(rows.find((r) => r.id === b!.id)).toMatchObject({ status: 'failed', lastError: '403: blocked' });
    expect([1, 2, 3, 10, 30].map(outboxBackoffMs)).toEqual([2000, 4000, 8000, 600_000, 600_000]);
  });
});

describe('session store', () => {
  it('reads, overwrites and deletes a session by key', async () => {
    const h = await freshDb();
    const ctx = { db: h.db, now: new TestClock().now };
    expect(await readSession(ctx, 'k')).toBeUndefined();
    await writeSession(ctx, 'k', { pending: { kind: 'note', leadId: 'x' } });
    await writeSession(ctx, 'k', { pending: { kind: 'note', leadId: 'y' } });
    expect(await readSession(ctx, 'k')).toEqual({ pending: { kind: 'note', leadId: 'y' } });
    await deleteSession(ctx, 'k');
    expect(await readSession(ctx, 'k')).toBeUndefined();
    h.close();
  });
});
