import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { history, leads, tasks } from '../../../db/schema/index.js';
import { createApp } from '../../../src/app.js';
import { continueCsvImport } from '../../../src/core/csv/continue-csv-import.js';
import { queueCsvImport } from '../../../src/core/csv/queue-csv-import.js';
import { claimTask, TASK_LEASE_MS, TaskLeaseLost, type TaskHandlers } from '../../../src/core/background/task-queue.js';
import { runDueTasks } from '../../../src/jobs/task-runner.js';
import { testDeps } from '../../helpers/app.js';
import { coldBaseCsv } from '../../helpers/cold-base.js';
import { useFreshDb } from '../../helpers/db.js';
import { memberActor } from '../../helpers/deal-fixtures.js';

describe('a queued CSV import', () => {
  const h = useFreshDb({ now: '2026-11-27T10:00:00Z' });

  const count = async (table: typeof leads | typeof history, where?: ReturnType<typeof eq>) =>
    (await h.db.select({ n: sql<number>`count(*)` }).from(table).where(where))[0]!.n;

  it('interrupted by a restart, finishes with every row exactly once', async () => {
    const head = await memberActor(h.db, 'head', 'Helen');
    const ctx = h.ctx(head);
    const base = coldBaseCsv(400);
    await queueCsvImport(ctx, { content: base.csv, fileName: 'base.csv', subject: 'file-1' });

    // The first process takes the task and dies after its third chunk (nothing after a commit runs).
    const first = (await claimTask(ctx))!;
    let chunks = 0;
    await expect(
      continueCsvImport(ctx, first, undefined, {
        onChunk: () => {
          if (++chunks === 3) throw new Error('process killed');
        },
      }),
    ).rejects.toThrow('process killed');
    expect(await count(leads)).toBeGreaterThan(0);
    expect(await count(leads)).toBeLessThan(base.created);
    // Nobody else may take it while its lease runs; after the lease lapses the restarted runner does.
    expect(await claimTask(ctx)).toBeNull();
    h.clock.advance(TASK_LEASE_MS + 1);
    const resumed = (await claimTask(ctx))!;
    expect(resumed.id).toBe(first.id);
    const step = await continueCsvImport(ctx, resumed);

    expect(step.result).toMatchObject({ created: base.created, joined: 0, rejected: base.rejected });
    expect(await count(leads)).toBe(base.created);
    // Leads written many to a statement are still numbered 1, 2, 3… without a gap.
    const numbers = (await h.db.select({ n: leads.number }).from(leads).orderBy(leads.number)).map((r) => r.n);
    expect(numbers).toEqual(Array.from({ length: base.created }, (_, i) => i + 1));
    const perPhone = await h.db.select({ phone: leads.phone, n: sql<number>`count(*)` }).from(leads).groupBy(leads.phone).having(sql`count(*) > 1`);
    expect(perPhone).toEqual([]);
    expect(await count(history, eq(history.action, 'created'))).toBe(base.created);
    expect(await count(history, eq(history.action, 'repeat_request'))).toBe(0);
  }, 120_000);

  it('a site form posted while a large import runs is stored before the import ends', async () => {
    const deps = testDeps(h.db, { FORM_TOKEN: 't', LOG_LEVEL: 'silent' }, h.clock);
    const head = await memberActor(h.db, 'head', 'Helen');
    const ctx = deps.core(head);
    const base = coldBaseCsv(1_000);
    await queueCsvImport(ctx, { content: base.csv, fileName: 'base.csv' });
    const task = (await claimTask(ctx))!;
    let rowsWhenFormAnswered = -1;
    let importedSoFar = 0;
    let form: Promise<void> | undefined;
    const importing = continueCsvImport(ctx, task, undefined, {
      onChunk: (p) => {
        importedSoFar = p.next;
        // Posted while the import is under way; answered between two of its chunks.
        form ??= (async () => {
          const res = await createApp(deps).request('/hooks/form?token=t', { method: 'POST', body: new URLSearchParams({ name: 'Site visitor', phone: '+7 903 555-00-11' }) });
          expect(res.status).toBe(201);
          rowsWhenFormAnswered = importedSoFar;
        })();
      },
    });
    const step = await importing;
    await form;
    expect(rowsWhenFormAnswered).toBeGreaterThan(0);
    expect(rowsWhenFormAnswered).toBeLessThan(1_000);
    expect(step.result?.created).toBe(base.created);
    expect(await h.db.select({ name: leads.name }).from(leads).where(eq(leads.phone, '+79035550011'))).toEqual([{ name: 'Site visitor' }]);
    expect((await h.db.select({ state: tasks.state }).from(tasks))[0]?.state).toBe('running');
  }, 120_000);

  it('a runner that stalls past its lease while another takes over writes none of its chunk: every row once', async () => {
    const head = await memberActor(h.db, 'head', 'Helen');
    const ctx = h.ctx(head);
    const base = coldBaseCsv(300);
    await queueCsvImport(ctx, { content: base.csv, fileName: 'base.csv' });
    const importer = (onChunk?: () => Promise<void>): TaskHandlers => ({
      csv_import: {
        run: async (task) => ((await continueCsvImport(ctx, task, undefined, { chunkRows: 50, ...(onChunk ? { onChunk } : {}) })).result ? 'done' : 'more'),
      },
    });
    const errorsOfA: unknown[] = [];
    let chunksOfA = 0;
    // Runner A commits two chunks, then stalls longer than its lease; runner B claims the task and finishes it.
    const runnerB = importer();
    const runnerA = importer(async () => {
      if (++chunksOfA !== 2) return;
      h.clock.advance(TASK_LEASE_MS + 1);
      expect(await runDueTasks(ctx, runnerB)).toBe(1);
    });
    await runDueTasks(ctx, runnerA, { onError: (e) => errorsOfA.push(e) });

    expect(errorsOfA).toHaveLength(1);
    expect(errorsOfA[0]).toBeInstanceOf(TaskLeaseLost);
    expect(chunksOfA).toBe(2);
    const [task] = await h.db.select().from(tasks);
    // B's finish stands: A, having lost the lease, neither failed nor re-queued the task.
    expect(task).toMatchObject({ state: 'done', lastError: null });
    expect(task?.progress).toMatchObject({ next: 300, created: base.created });
    expect(await count(leads)).toBe(base.created);
    const perPhone = await h.db.select({ phone: leads.phone, n: sql<number>`count(*)` }).from(leads).groupBy(leads.phone).having(sql`count(*) > 1`);
    expect(perPhone).toEqual([]);
    expect(await count(history, eq(history.action, 'created'))).toBe(base.created);
  }, 120_000);
});
