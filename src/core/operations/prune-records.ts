import { and, eq, inArray, isNotNull, lt, or } from 'drizzle-orm';
import { botSessions, idempotencyKeys, intakeLog, invites, jobRuns, outbox, telegramUpdates } from '../../../db/schema/index.js';
import type { CoreContext } from '../shared/context.js';
import { stalePacingRows } from '../telegram/telegram-pacing.js';

const DAY_MS = 86_400_000;

/**
 * How long the operational tables keep a row. History, leads, deals and everything a person
 * wrote are never pruned; these are delivery receipts and working state.
 */
export const RETENTION_DAYS = {
  /** Sent messages: long past any question of "was it delivered". */
  sentMessages: 30,
  /** Messages Telegram refused for good (blocked bot, deleted chat): kept longer for review. */
  failedMessages: 90,
  /** "Already sent" markers: jobs only look back to today's list and this week's report. */
  jobRuns: 60,
  /** Partner idempotency keys are honoured for 24 hours (README); a day of slack. */
  idempotencyKeys: 2,
  /** Raw intake requests, for reviewing what a sender sent. */
  intakeLog: 90,
  /** Half-typed input nobody came back to. */
  botSessions: 30,
  /** Expired or used invite codes. */
  invites: 30,
  /** Update ids already taken in: Telegram gives up redelivering after 24 hours. */
  telegramUpdates: 3,
  /** A chat's send pacing, once its next slot and any 429 block are a day past. */
  telegramPacing: 1,
} as const;

/** At most this many rows per table per run, so one run never holds the writer for long. */
const CHUNK = 5_000;

export type PruneReport = Record<keyof typeof RETENTION_DAYS, number>;

export async function pruneRecords(ctx: Pick<CoreContext, 'db' | 'now'>): Promise<PruneReport> {
  const { db } = ctx;
  const now = ctx.now().getTime();
  const before = (days: number) => new Date(now - days * DAY_MS);
  const sent = and(eq(outbox.status, 'sent'), lt(outbox.sentAt, before(RETENTION_DAYS.sentMessages)));
  const failed = and(eq(outbox.status, 'failed'), lt(outbox.createdAt, before(RETENTION_DAYS.failedMessages)));
  const oldInvite = or(isNotNull(invites.usedAt), lt(invites.expiresAt, new Date(now)));

  const [sentRows, failedRows, runs, keys, log, sessions, codes, updates, pacing] = await db.batch([
    db
      .delete(outbox)
      .where(inArray(outbox.id, db.select({ id: outbox.id }).from(outbox).where(sent).limit(CHUNK)))
      .returning({ id: outbox.id }),
    db
      .delete(outbox)
      .where(inArray(outbox.id, db.select({ id: outbox.id }).from(outbox).where(failed).limit(CHUNK)))
      .returning({ id: outbox.id }),
    db
      .delete(jobRuns)
      .where(inArray(jobRuns.key, db.select({ key: jobRuns.key }).from(jobRuns).where(lt(jobRuns.createdAt, before(RETENTION_DAYS.jobRuns))).limit(CHUNK)))
      .returning({ key: jobRuns.key }),
    db
      .delete(idempotencyKeys)
      .where(lt(idempotencyKeys.createdAt, before(RETENTION_DAYS.idempotencyKeys)))
      .returning({ key: idempotencyKeys.key }),
    db
      .delete(intakeLog)
      .where(inArray(intakeLog.id, db.select({ id: intakeLog.id }).from(intakeLog).where(lt(intakeLog.receivedAt, before(RETENTION_DAYS.intakeLog))).limit(CHUNK)))
      .returning({ id: intakeLog.id }),
    db.delete(botSessions).where(lt(botSessions.updatedAt, before(RETENTION_DAYS.botSessions))).returning({ key: botSessions.key }),
    db
      .delete(invites)
      .where(and(oldInvite, lt(invites.createdAt, before(RETENTION_DAYS.invites))))
      .returning({ code: invites.codeHash }),
    db
      .delete(telegramUpdates)
      .where(
        inArray(
          telegramUpdates.updateId,
          db
            .select({ id: telegramUpdates.updateId })
            .from(telegramUpdates)
            .where(lt(telegramUpdates.receivedAt, before(RETENTION_DAYS.telegramUpdates)))
            .limit(CHUNK),
        ),
      )
      .returning({ id: telegramUpdates.updateId }),
    stalePacingRows(db, before(RETENTION_DAYS.telegramPacing).getTime()),
  ]);
  return {
    sentMessages: sentRows.length,
    failedMessages: failedRows.length,
    jobRuns: runs.length,
    idempotencyKeys: keys.length,
    intakeLog: log.length,
    botSessions: sessions.length,
    invites: codes.length,
    telegramUpdates: updates.length,
    telegramPacing: pacing.length,
  };
}
