import { describe, expect, it } from 'vitest';
import { botSessions, history, idempotencyKeys, intakeLog, invites, jobRuns, outbox, telegramPacing, telegramUpdates } from '../../../db/schema/index.js';
import { createLeadFromIntake } from '../../../src/core/intake/create-lead-from-intake.js';
import { pruneRecords } from '../../../src/core/operations/prune-records.js';
import { SCHEDULES } from '../../../src/jobs/schedules.js';
import { useFreshDb } from '../../helpers/db.js';

const DAY = 86_400_000;

describe('pruneRecords (daily housekeeping)', () => {
  const h = useFreshDb({ now: '2026-11-27T00:17:00Z' });

  it('drops receipts and working state past retention, keeps recent ones and never touches history', async () => {
    const now = h.clock.now().getTime();
    const at = (days: number) => new Date(now - days * DAY);
    const message = (id: string, status: 'sent' | 'failed' | 'pending', days: number) => ({
      id,
      kind: 'lead_created',
      payload: {},
      status,
      nextAttemptAt: at(days),
      createdAt: at(days),
      sentAt: status === 'sent' ? at(days) : null,
    });
    await h.db.insert(outbox).values([
      message('sent-old', 'sent', 31),
      message('sent-new', 'sent', 29),
      message('failed-old', 'failed', 91),
      message('failed-new', 'failed', 31),
      message('pending-old', 'pending', 200),
    ]);
    await h.db.insert(jobRuns).values([
      { key: 'morning:old', job: 'morning', createdAt: at(61) },
      { key: 'morning:new', job: 'morning', createdAt: at(1) },
    ]);
    await h.db.insert(idempotencyKeys).values([
      { partnerId: 'p', key: 'old', requestHash: 'h', status: 201, responseBody: '{}', createdAt: at(3) },
      { partnerId: 'p', key: 'new', requestHash: 'h', status: 201, responseBody: '{}', createdAt: at(0.5) },
    ]);
    await h.db.insert(intakeLog).values([
      { id: 'log-old', source: 'form', body: '{}', outcome: 'rejected', receivedAt: at(91) },
      { id: 'log-new', source: 'form', body: '{}', outcome: 'rejected', receivedAt: at(89) },
    ]);
    await h.db.insert(botSessions).values([
      { key: 'old', value: '{}', updatedAt: at(31) },
      { key: 'new', value: '{}', updatedAt: at(2) },
    ]);
    await h.db.insert(invites).values([
      { codeHash: 'expired-old', role: 'manager', createdAt: at(40), expiresAt: at(37) },
      { codeHash: 'unused-live', role: 'manager', createdAt: at(1), expiresAt: at(-2) },
    ]);
    await h.db.insert(telegramUpdates).values([
      { updateId: 1, receivedAt: at(4) },
      { updateId: 2, receivedAt: at(1) },
    ]);
    // Send pacing: the overall row stays; a chat quiet for two days goes, one sent to an hour ago stays.
    await h.db.insert(telegramPacing).values([
      { key: 'all', nextAt: at(5).getTime() },
      { key: 'chat:1', nextAt: at(2).getTime(), blockedUntil: at(2).getTime() },
      { key: 'chat:2', nextAt: at(1 / 24).getTime() },
    ]);
    const ctx = h.ctx();
    await createLeadFromIntake({ ...ctx, now: () => at(400) }, { channel: 'site_form', intakeSource: 'form', phone: '+79991234567' });
    const historyBefore = await h.db.select().from(history);

    const report = await pruneRecords(ctx);
    expect(report).toEqual({
      sentMessages: 1,
      failedMessages: 1,
      jobRuns: 1,
      idempotencyKeys: 1,
      intakeLog: 1,
      botSessions: 1,
      invites: 1,
      telegramUpdates: 1,
      telegramPacing: 1,
    });
    expect((await h.db.select().from(telegramPacing)).map((r) => r.key).sort()).toEqual(['all', 'chat:2']);
    // The lead's own "lead created" message is still pending (never delivered): it stays.
    expect((await h.db.select().from(outbox)).map((m) => m.id).sort()).toEqual(
      expect.arrayContaining(['failed-new', 'pending-old', 'sent-new']),
    );
    expect((await h.db.select().from(jobRuns)).map((r) => r.key)).toEqual(['morning:new']);
    expect((await h.db.select().from(invites)).map((i) => i.codeHash)).toEqual(['unused-live']);
    expect((await h.db.select().from(telegramUpdates)).map((u) => u.updateId)).toEqual([2]);
    expect(await h.db.select().from(history)).toEqual(historyBefore);
    expect(await pruneRecords(ctx)).toMatchObject({ sentMessages: 0, jobRuns: 0, intakeLog: 0 });
  });

  it('runs daily from the shared schedule list', () => {
    expect(SCHEDULES.find((s) => s.name === 'housekeeping')?.cron).toBe('17 0 * * *');
  });
});
