import { and, desc, eq, inArray, lte, notInArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client.js';
import type { TaskState } from '../../../db/enums.js';
import { tasks } from '../../../db/schema/index.js';
import { newId } from '../shared/ids.js';

export type TaskRow = typeof tasks.$inferSelect;
/** A claimed task as its runner knows it: the lease id tells whether the task is still this runner's. */
export type TaskLease = Pick<TaskRow, 'id' | 'leaseId'>;
type QueueContext = { db: Db; now: () => Date };

/* The runner (src/jobs/task-runner.ts) calls a handler per kind; adapters (the bot) provide them. */
/** Bounds one run: a Workers invocation has a query budget; Node runs a task to its end. */
export interface TaskBudget {
  maxRows?: number;
  /** Rows per atomic batch, when the runner knows better than the default (D1's smaller batches). */
  chunkRows?: number;
}

export interface TaskHandler {
  /** 'done': the task is finished; 'more': give it back to the queue for a later run. */
  run(task: TaskRow, budget: TaskBudget): Promise<'done' | 'more'>;
  /** Called once when the task is given up on, to tell whoever waits for it. */
  failed?(task: TaskRow, error: unknown): Promise<void>;
}

export type TaskHandlers = Record<string, TaskHandler>;

/** How long a claimed task is its runner's; every saved step renews it, and a step takes well under a second. */
export const TASK_LEASE_MS = 60_000;

export interface NewTask {
  kind: string;
  payload: Record<string, unknown>;
  subject?: string | null;
  /** `held` waits for a person's go-ahead (`releaseHeldTask`) before any runner may take it. */
  state?: Extract<TaskState, 'queued' | 'held'>;
  progress?: Record<string, unknown> | null;
}

export async function enqueueTask(ctx: QueueContext, task: NewTask): Promise<TaskRow> {
  const now = ctx.now();
  const [row] = await ctx.db
    .insert(tasks)
    .values({
      id: newId(),
      kind: task.kind,
      payload: task.payload,
      subject: task.subject ?? null,
      state: task.state ?? 'queued',
      progress: task.progress ?? null,
      runAfter: now,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return row!;
}

/**
 * Takes the next due task (or the given one) for this runner: queued and due, or running under a
 * lapsed lease (its runner died). One UPDATE … WHERE id = (SELECT … LIMIT 1) … RETURNING is atomic,
 * so two runners never hold one task.
 */
export async function claimTask(
  ctx: QueueContext,
  opts: { kinds?: string[]; id?: string; leaseMs?: number } = {},
): Promise<TaskRow | null> {
  const now = ctx.now();
  const claimable = or(
    and(eq(tasks.state, 'queued'), lte(tasks.runAfter, now)),
    and(eq(tasks.state, 'running'), lte(tasks.leaseUntil, now)),
  )!;
  const filters: SQL[] = [claimable];
  if (opts.kinds) filters.push(inArray(tasks.kind, opts.kinds));
  if (opts.id) filters.push(eq(tasks.id, opts.id));
  const next = ctx.db
    .select({ id: tasks.id })
    .from(tasks)
    .where(and(...filters))
    .orderBy(tasks.runAfter, tasks.id)
    .limit(1);
  const [row] = await ctx.db
    .update(tasks)
    .set({
      state: 'running',
      leaseUntil: new Date(now.getTime() + (opts.leaseMs ?? TASK_LEASE_MS)),
      leaseId: newId(),
      attempts: sql`${tasks.attempts} + 1`,
      updatedAt: now,
    })
    .where(and(eq(tasks.id, next), claimable))
    .returning();
  return row ?? null;
}

/**
 * The statement that records a task's progress and renews its lease: goes in the same batch as the
 * work done. When the task is no longer this runner's (its lease lapsed and another runner claimed
 * it), the statement sets `kind` to NULL: the NOT NULL constraint rolls the whole batch back, so the
 * step is never written twice. `isLeaseLoss` recognises that failure.
 */
export function saveProgress(ctx: QueueContext, task: TaskLease, progress: Record<string, unknown>) {
  const now = ctx.now();
  const mine = task.leaseId === null ? sql`${tasks.state} = 'running'` : sql`${tasks.leaseId} = ${task.leaseId} AND ${tasks.state} = 'running'`;
  return ctx.db
    .update(tasks)
    .set({ progress, leaseUntil: new Date(now.getTime() + TASK_LEASE_MS), updatedAt: now, kind: sql`CASE WHEN ${mine} THEN ${tasks.kind} END` })
    .where(eq(tasks.id, task.id));
}

/** The batch failed because its task was taken over by another runner (see `saveProgress`). */
export function isLeaseLoss(e: unknown): boolean {
  for (let err: unknown = e; err; err = (err as { cause?: unknown }).cause) {
    if (/NOT NULL constraint failed: tasks\.kind/.exec((err as Error).message ?? '') !== null) return true;
  }
  return false;
}

/** Thrown by a step whose task another runner holds now: the runner stops and leaves the task alone. */
export class TaskLeaseLost extends Error {
  constructor(readonly taskId: string, options?: { cause?: unknown }) {
    super(`Task ${taskId} was taken over by another runner (its lease lapsed); this runner stops`, options);
    this.name = 'TaskLeaseLost';
  }
}

/** Only the lease holder finishes or releases a task; a runner that lost it changes nothing. */
const heldBy = (task: TaskLease) => and(eq(tasks.id, task.id), eq(tasks.state, 'running'), task.leaseId === null ? undefined : eq(tasks.leaseId, task.leaseId));

export async function finishTask(
  ctx: QueueContext,
  task: TaskLease,
  outcome: { state: Extract<TaskState, 'done' | 'failed'>; error?: string },
): Promise<void> {
  const now = ctx.now();
  await ctx.db
    .update(tasks)
    .set({ state: outcome.state, lastError: outcome.error ?? null, leaseUntil: null, leaseId: null, finishedAt: now, updatedAt: now })
    .where(heldBy(task));
}

/** Gives a task back to the queue: more to do in a later run (Workers), or a retry after a failure. */
export async function releaseTask(
  ctx: QueueContext,
  task: TaskLease,
  opts: { delayMs?: number; error?: string; resetAttempts?: boolean } = {},
): Promise<void> {
  const now = ctx.now();
  await ctx.db
    .update(tasks)
    .set({
      state: 'queued',
      leaseUntil: null,
      leaseId: null,
      runAfter: new Date(now.getTime() + (opts.delayMs ?? 0)),
      ...(opts.error ? { lastError: opts.error } : {}),
      // A run that made progress starts the count of failed claims again.
      ...(opts.resetAttempts ? { attempts: 0 } : {}),
      updatedAt: now,
    })
    .where(heldBy(task));
}

/** A held task: the go-ahead queues it, a no cancels it. False when it was not held any more (a second tap). */
export async function releaseHeldTask(ctx: QueueContext, taskId: string, to: Extract<TaskState, 'queued' | 'cancelled'>): Promise<boolean> {
  const now = ctx.now();
  const rows = await ctx.db
    .update(tasks)
    .set({ state: to, runAfter: now, updatedAt: now, ...(to === 'cancelled' ? { finishedAt: now } : {}) })
    .where(and(eq(tasks.id, taskId), eq(tasks.state, 'held')))
    .returning({ id: tasks.id });
  return rows.length > 0;
}

export async function taskById(ctx: QueueContext, taskId: string): Promise<TaskRow | null> {
  const [row] = await ctx.db.select().from(tasks).where(eq(tasks.id, taskId));
  return row ?? null;
}

/** The latest task about `subject` that did (or will) do its work: neither cancelled, failed nor still held. */
export async function latestTaskAbout(ctx: QueueContext, subject: string): Promise<TaskRow | null> {
  const [row] = await ctx.db
    .select()
    .from(tasks)
    .where(and(eq(tasks.subject, subject), notInArray(tasks.state, ['cancelled', 'failed', 'held'])))
    .orderBy(desc(tasks.createdAt))
    .limit(1);
  return row ?? null;
}

/** Whether any task is waiting for a runner now: a cheap look before a Worker spends an invocation on it. */
export async function hasDueTask(ctx: QueueContext): Promise<boolean> {
  const now = ctx.now();
  const [row] = await ctx.db
    .select({ id: tasks.id })
    .from(tasks)
    .where(or(and(eq(tasks.state, 'queued'), lte(tasks.runAfter, now)), and(eq(tasks.state, 'running'), lte(tasks.leaseUntil, now))))
    .limit(1);
  return row !== undefined;
}
