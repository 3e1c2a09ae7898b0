import { afterEach, describe, expect, it } from 'vitest';
import cron from 'node-cron';
import { startSchedules } from '../../src/entry/node-schedules.js';
import { runDueJobs } from '../../src/jobs/run-due-jobs.js';
import { SCHEDULES } from '../../src/jobs/schedules.js';
import { testDeps } from '../helpers/app.js';
import { TestClock } from '../helpers/context.js';
import { useFreshDb } from '../helpers/db.js';
import { outboxRows } from '../helpers/jobs.js';
import { addActivity, addMember } from '../helpers/seed.js';

describe('runDueJobs (Workers) and startSchedules (Node)', () => {
  const h = useFreshDb();
  afterEach(async () => {
    for (const t of cron.getTasks().values()) await t.destroy();
  });

  it('runs the schedules whose cron matches the minute', async () => {
    const deps = testDeps(h.db);
    const names = async (iso: string) => (await runDueJobs(deps, new Date(iso))).map((o) => o.name);
    expect(await names('2026-11-27T06:01:00Z')).toEqual(['reminders', 'pool-escalation']);
    expect(await names('2026-11-27T06:05:00Z')).toEqual(['reminders', 'pool-escalation', 'morning-list', 'forgotten-sweep', 'weekly-report']);
  });

  it('delivers through one trigger what is due, once', async () => {
    const manager = await addMember(h.db);
    await addActivity(h.db, { assigneeId: manager, dueAt: new Date('2026-11-27T06:10:00Z') });
    const deps = testDeps(h.db);
    await runDueJobs(deps, new Date('2026-11-27T06:00:00Z'));
    await runDueJobs(deps, new Date('2026-11-27T06:00:00Z'));
    expect((await outboxRows(h)).map((r) => r.kind).sort()).toEqual(['morning_list', 'reminder']);
  });

  it('reports a failing job and goes on with the rest', async () => {
    const deps = testDeps(h.db);
    const boom = { name: 'boom', cron: '* * * * *', run: async () => Promise.reject(new Error('boom')) };
    const ok = { name: 'ok', cron: '* * * * *', run: async () => ({ queued: 0, skipped: 0 }) };
    const outcomes = await runDueJobs(deps, new Date(), { schedules: [boom, ok] });
    expect(outcomes.map((o) => [o.name, o.error instanceof Error])).toEqual([
      ['boom', true],
      ['ok', false],
    ]);
  });

  it('starts one node-cron task per schedule, catches up at start, and stops them all', async () => {
    const manager = await addMember(h.db);
    await addActivity(h.db, { assigneeId: manager, dueAt: new Date('2026-11-27T07:00:00Z') });
    const deps = testDeps(h.db, {}, new TestClock(new Date('2026-11-27T06:30:00Z')));
    const lines: string[] = [];
    const stop = startSchedules(deps, { log: (l) => lines.push(l) });
    const names = [...cron.getTasks().values()].map((t) => t.name).filter((n) => n?.startsWith('crm:'));
    expect(names.sort()).toEqual(SCHEDULES.map((s) => `crm:${s.name}`).sort());
    // stop() waits for the catch-up pass, which sent the morning list due since 09:00 Moscow time.
    await stop();
    expect(await outboxRows(h, 'morning_list')).toHaveLength(1);
    expect([...cron.getTasks().values()].filter((t) => t.name?.startsWith('crm:'))).toHaveLength(0);
    expect(lines.filter((l) => l.includes('failed'))).toEqual([]);
  });

  it('starts nothing when JOBS is off', async () => {
    const stop = startSchedules(testDeps(h.db, { JOBS: 'false' }));
    expect(cron.getTasks().size).toBe(0);
    await stop();
  });
});
