import { and, eq } from 'drizzle-orm';
import { TransactionRollbackError } from 'drizzle-orm/errors';
import type { Db } from '../../db/client.js';
import { members, outbox } from '../../db/schema/index.js';
import type { CoreContext } from '../core/shared/context.js';
import type { JobResult } from '../jobs/job-context.js';

/** A message the job would have queued, with whom it is for. */
export interface PreviewMessage {
  kind: string;
  recipient: string;
  what: string;
}

export interface DryRun {
  result: JobResult;
  messages: PreviewMessage[];
}

/**
 * Runs a job for real inside one transaction, reads what it queued, then rolls everything back:
 * the preview is the job's own code deciding, not a second copy of its rules that could drift.
 * The CLI talks to an embedded file or Turso, both of which have interactive transactions (D1,
 * which has none, is never the CLI's database). A transaction has no `batch`: inside it, the
 * statements of a batch run one after another, all-or-nothing with the transaction anyway.
 */
export async function dryRunJob(ctx: CoreContext, now: Date, run: (core: CoreContext) => Promise<JobResult>): Promise<DryRun> {
  let preview: DryRun | undefined;
  try {
    await ctx.db.transaction(async (tx) => {
      const db = withSequentialBatch(tx as unknown as Db);
      const result = await run({ ...ctx, db, now: () => new Date(now) });
      const rows = await db
        .select({ kind: outbox.kind, chatId: outbox.chatId, payload: outbox.payload, name: members.name, role: members.role })
        .from(outbox)
        .leftJoin(members, eq(members.id, outbox.memberId))
        .where(and(eq(outbox.createdAt, now), eq(outbox.status, 'pending')));
      preview = {
        result,
        messages: rows.map((r) => ({
          kind: r.kind,
          recipient: r.name ? `${r.name} (${r.role}, chat ${r.chatId ?? '?'})` : `chat ${r.chatId ?? '(decided at send time)'}`,
          what: describePayload(r.kind, r.payload),
        })),
      };
      tx.rollback();
    });
  } catch (e) {
    if (!(e instanceof TransactionRollbackError)) throw e;
  }
  if (!preview) throw new Error('dry run: the job did not finish');
  return preview;
}

function withSequentialBatch(tx: Db): Db {
  return new Proxy(tx, {
    get(target, key, receiver) {
      if (key === 'batch') {
        return async (items: readonly PromiseLike<unknown>[]) => {
          const results: unknown[] = [];
          for (const item of items) results.push(await item);
          return results;
        };
      }
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
}

const count = (v: unknown) => (Array.isArray(v) ? v.length : 0);

/** One line on what a queued message says, from its payload (the bot renders the full text at send time). */
export function describePayload(kind: string, payload: Record<string, unknown>): string {
  switch (kind) {
    case 'morning_list':
      return `${count(payload.overdue)} overdue, ${count(payload.today)} due today, ${Number(payload.poolCount ?? 0)} in the pool`;
    case 'reminder': {
      const lead = payload.lead as { number?: number } | null;
      const deal = payload.deal as { number?: number } | null;
      const on = deal?.number ? ` (deal #${deal.number})` : lead?.number ? ` (lead #${lead.number})` : '';
      return `"${String(payload.subject)}" due ${String(payload.dueAt)}${on}`;
    }
    case 'forgotten_digest':
      return `${count(payload.noNextActivity)} without a next step, ${count(payload.longOverdue)} overdue by over a day`;
    case 'forgotten_summary':
      return `${count(payload.perMember)} manager(s) with forgotten work, ${Number(payload.unassignedNoNextActivity ?? 0)} unassigned without a next step, ${count(payload.untakenPool)} untaken in the pool`;
    case 'weekly_report':
      return `the report for the week of ${String(payload.weekOf)} with its chart`;
    default:
      return kind;
  }
}
