import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { activities, companies, contacts, deals, history, jobRuns, leads, members } from '../../db/schema/index.js';
import { runBatch, type Statement } from '../../src/core/shared/batch.js';
import { isCrmError } from '../../src/core/shared/errors.js';
import { findForgotten } from '../../src/core/activities/find-forgotten.js';
import { getCompanyCard } from '../../src/core/contacts/get-company-card.js';
import { historyOrAbort, runGuardedBatch } from '../../src/core/shared/guarded-write.js';
import { newId } from '../../src/core/shared/ids.js';
import { deliverOnce, existingRunKeys } from '../../src/core/background/job-runs.js';
import { listDeals } from '../../src/core/deals/list-deals.js';
import { workerRuntime } from '../../src/entry/worker.js';
import { runDueJobs } from '../../src/jobs/run-due-jobs.js';
import { as, D1Clock, seedMember, type TeamMember } from './d1-team.js';

/**
 * What D1 refuses and libSQL allows: a statement with more than 100 bound parameters
 * ("too many SQL variables"), so every list of ids a query binds must be chunked or be a
 * subquery. And the errors D1 raises must be classified as the libSQL ones are.
 * Sizes here are just past the limit; a real team reaches them within weeks.
 */
const deps = () => workerRuntime(env as never).deps;
const db = () => deps().db;
const clock = new D1Clock(new Date('2026-11-27T09:00:00Z'));
const MANY = 130;
const T0 = new Date('2026-11-01T00:00:00Z');

let head: TeamMember;
let anna: TeamMember;

beforeAll(async () => {
  head = await seedMember(db(), 9501, 'Hanna', 'head');
  anna = await seedMember(db(), 9502, 'Anna', 'manager');
});

/** Many single-row inserts in one batch: a multi-row insert would itself pass the limit. */
async function insertMany(rows: (i: number) => Statement): Promise<void> {
  await runBatch(db(), Array.from({ length: MANY }, (_, i) => rows(i)));
}

describe('more than 100 ids in one query on D1', () => {
  it('the job-run check over 130 keys (morning list, weekly report, sweep for a large team)', async () => {
    const keys = Array.from({ length: MANY }, (_, i) => `morning:2026-11-27:m${i}`);
    await insertMany((i) => db().insert(jobRuns).values({ key: keys[i]!, job: 'morning', createdAt: T0 }));
    const found = await existingRunKeys(deps(), [...keys, 'morning:2026-11-27:new']);
    expect(found.size).toBe(MANY);
    expect(found.has('morning:2026-11-27:new')).toBe(false);
  });

  it('the forgotten-leads audit with 130 long-overdue activities', async () => {
    const leadId = newId();
    await db().insert(leads).values({ id: leadId, number: 1, name: 'Old', channel: 'site_form', status: 'assigned', assigneeId: anna.id, createdAt: T0, updatedAt: T0 });
    await insertMany((i) =>
      db().insert(activities).values({ id: newId(), kind: 'call', subject: `late ${i}`, dueAt: new Date(T0.getTime() + i * 60_000), assigneeId: anna.id, leadId, createdAt: T0, updatedAt: T0 }),
    );
    const forgotten = await findForgotten(as(deps(), clock, head));
    expect(forgotten.longOverdue).toHaveLength(MANY);
    expect(forgotten.longOverdue.every((a) => a.assigneeId === anna.id)).toBe(true);
  });

  it('a company card with 130 contacts, opened by a manager', async () => {
    const companyId = newId();
    await db().insert(companies).values({ id: companyId, name: 'Big Co', nameKey: 'big co', createdAt: T0, updatedAt: T0 });
    const people = Array.from({ length: MANY }, () => newId());
    await insertMany((i) => db().insert(contacts).values({ id: people[i]!, name: `Person ${i}`, companyId, createdAt: T0, updatedAt: T0 }));
    await insertMany((i) =>
      db().insert(leads).values({ id: newId(), number: 100 + i, name: `Lead ${i}`, channel: 'site_form', status: 'assigned', assigneeId: anna.id, contactId: people[i]!, createdAt: T0, updatedAt: T0 }),
    );
    const card = await getCompanyCard(as(deps(), clock, anna), companyId);
    expect(card.contacts).toHaveLength(MANY);
    expect(card.leads).toHaveLength(MANY);
    expect(card.leads.map((l) => l.number)).toEqual([...card.leads.map((l) => l.number)].sort((a, b) => b - a));
  });

  it('the deal list with 130 open deals', async () => {
    await insertMany((i) =>
      db().insert(deals).values({ id: newId(), number: 500 + i, title: `Deal ${i}`, stage: 'in_progress', amount: 100, currency: 'RUB', assigneeId: anna.id, createdAt: T0, updatedAt: T0 }),
    );
    const list = await listDeals(as(deps(), clock, head), { limit: 200 });
    expect(list.deals).toHaveLength(MANY);
    expect(list.total.count).toBe(MANY);
  });
});

describe('every scheduled job on D1 with a team of more than 100', () => {
  it('runs without an error; the morning list reaches each member once', async () => {
    await insertMany((i) =>
      db().insert(members).values({ id: newId(), telegramId: 20_000 + i, chatId: 20_000 + i, name: `M${i}`, role: 'manager', createdAt: T0, updatedAt: T0 }),
    );
    // A pool lead, so every manager has something in the morning (the pool's size).
    await db().insert(leads).values({ id: newId(), number: 9999, name: 'Pool', channel: 'site_form', status: 'new', createdAt: T0, updatedAt: T0 });
    const monday9am = new Date('2026-11-30T06:00:00Z'); // 09:00 in Moscow
    const outcomes = await runDueJobs(deps(), monday9am, { all: true });
    expect(outcomes.filter((o) => o.error).map((o) => [o.name, String(o.error)])).toEqual([]);
    const morning = outcomes.find((o) => o.name === 'morning-list')?.result;
    expect(morning?.queued).toBeGreaterThan(MANY);
    const again = await runDueJobs(deps(), new Date(monday9am.getTime() + 5 * 60_000), { all: true });
    expect(again.find((o) => o.name === 'morning-list')?.result?.queued).toBe(0);
  });
});

describe('D1 errors are classified like libSQL ones', () => {
  it('a guard that aborts the batch becomes CONFLICT and writes nothing', async () => {
    const before = (await db().select().from(history)).length;
    const stale = runGuardedBatch(db(), [
      db().update(leads).set({ name: 'never' }).where(eq(leads.id, 'no-such-lead')),
      historyOrAbort(db(), { entityType: 'lead', entityId: 'no-such-lead', action: 'updated', actor: head.actor, at: clock.now() }),
    ]);
    await expect(stale).rejects.toSatisfy((e: unknown) => isCrmError(e, 'CONFLICT'));
    expect(await db().select().from(history)).toHaveLength(before);
  });

  it('a unique violation (a job run delivered twice) is recognised, so the second run is skipped', async () => {
    const run = { key: 'weekly:2026-W48:x', job: 'weekly' };
    const message = { kind: 'test', chatId: 1, payload: {} };
    expect(await deliverOnce(deps(), run, [message])).toBe(true);
    expect(await deliverOnce(deps(), run, [message])).toBe(false);
  });
});
