import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDb, type DbHandle } from '../../../db/client.js';
import type { Channel } from '../../../db/enums.js';
import { MIGRATIONS_FOLDER, runMigrations } from '../../../db/migrate.js';
import { assignRoundRobin } from '../../../src/core/leads/assign-round-robin.js';
import { buildDashboard, type DashboardFilter } from '../../../src/core/reports/build-dashboard.js';
import type { Actor } from '../../../src/core/shared/context.js';
import { convertLead } from '../../../src/core/leads/convert-lead.js';
import { importLeadsCsv } from '../../../src/core/csv/import-leads-csv.js';
import { junkLead } from '../../../src/core/leads/junk-lead.js';
import { logCall } from '../../../src/core/leads/log-call.js';
import { loseDeal } from '../../../src/core/deals/lose-deal.js';
import { takeLead } from '../../../src/core/leads/take-lead.js';
import { medianOfBuckets, TOUCH_BUCKETS } from '../../../src/core/reports/touch-buckets.js';
import { winDeal } from '../../../src/core/deals/win-deal.js';
import { coreContext, TestClock } from '../../helpers/context.js';
import { figuresOf, rawDashboardFigures } from '../../helpers/dashboard-reference.js';
import { freshDb } from '../../helpers/db.js';
import { intakeLead, memberActor } from '../../helpers/deal-fixtures.js';

const DAY = 86_400_000;
const MIN = 60_000;

describe('dashboard per-day counts', () => {
  let h: DbHandle;
  const clock = new TestClock();
  beforeEach(async () => {
    h = await freshDb();
  });
  afterEach(() => h.close());

  /** The dashboard for 7, 30 and 90 days with and without filters, against the raw-row figures at the clock's time. */
  async function expectRawFigures(owner: Actor, managers: string[], exactMedianLeads?: number) {
    const ctx = coreContext(h.db, { actor: owner, clock });
    const filters: Omit<DashboardFilter, 'from' | 'to'>[] = [
      {},
      { managerId: managers[0] },
      { managerId: managers[1] },
      { channel: 'partner' },
      { channel: 'cold_call' },
      { managerId: managers[0], channel: 'site_form' },
    ];
    let compared = 0;
    // The Mini App's periods end now; one ending 30 hours ago reads its last partial day another way.
    const periods = [7, 30, 90]
      .map((days) => ({ days, to: clock.now().getTime() }))
      .concat({ days: 30, to: clock.now().getTime() - 30 * 60 * MIN });
    for (const { days, to } of periods)
      for (const f of filters) {
        const filter = { from: new Date(to - days * DAY), to: new Date(to), ...f };
        const shown = figuresOf(await buildDashboard(ctx, filter, { exactMedianLeads }));
        const raw = await rawDashboardFigures(h.db, filter);
        if (exactMedianLeads === 0 && raw.firstTouch.medianMinutes !== null) {
          // The histogram's median: within one bucket (1/8) of the exact one, plus its rounding.
          expect(Math.abs(shown.firstTouch.medianMinutes! - raw.firstTouch.medianMinutes)).toBeLessThanOrEqual(
            raw.firstTouch.medianMinutes / 8 + 0.1,
          );
          shown.firstTouch.medianMinutes = raw.firstTouch.medianMinutes;
        }
        expect({ days, ...f, ...shown }).toEqual({ days, ...f, ...raw });
        compared += raw.funnel.leads;
      }
    return compared;
  }

  /** A team's months of work through the use cases, round by round two days and some hours apart. */
  async function team() {
    clock.set('2026-08-10T07:30:00Z');
    const owner = await memberActor(h.db, 'owner', 'Olga');
    const anna = await memberActor(h.db, 'manager', 'Anna');
    const boris = await memberActor(h.db, 'manager', 'Boris');
    const as = (actor: Actor) => coreContext(h.db, { actor, clock });
    const channels: Channel[] = ['site_form', 'call', 'partner', 'telegram'];
    const leadsSoFar: string[] = [];
    const deals: string[] = [];
    let phone = 1000;

    async function rounds(first: number, end: number) {
      for (let i = first; i < end; i++) {
        clock.advance(2 * DAY + (i % 5) * 3 * 60 * MIN + 17 * MIN); // two days and some hours: every hour of the day gets an edge
        for (let k = 0; k < 3; k++) {
          const id = await intakeLead(as(owner), { channel: channels[(i + k) % 4], phone: `+7 916 000${phone++}`, name: `Lead ${i}.${k}` });
          leadsSoFar.push(id);
        }
        const [a, b, c] = leadsSoFar.slice(-3) as [string, string, string];
        const manager = i % 2 ? anna : boris;
        clock.advance((i % 7) * 11 * MIN + 90_000);
        await takeLead(as(manager), a); // first touch after minutes to hours
        if (i % 3 === 0)
          await logCall(as(manager), { leadId: a, outcome: 'reached', next: { dueAt: new Date(clock.now().getTime() + DAY) } });
        if (i % 4 === 1) await junkLead(as(owner), { leadId: b, reason: i % 8 === 1 ? 'spam' : 'duplicate' });
        else if (i % 4 === 2) await assignRoundRobin(as(owner), b); // escalation's way: assigned, not touched
        if (i % 2 === 0)
          deals.push((await convertLead(as(manager), { leadId: a, next: { dueAt: new Date(clock.now().getTime() + DAY) } })).dealId);
        if (i % 5 === 4) {
          await takeLead(as(anna), c);
          await junkLead(as(anna), { leadId: c, reason: 'no_budget' });
        }
        // Deals from earlier rounds close now: won, lost with a reason, some stay open.
        const closing = deals[i - 3 >= 0 ? Math.floor((i - 3) / 2) : -1];
        if (closing && i % 2 === 1) {
          const owned = (
            await h.db.all<{ a: string }>(sql`SELECT assignee_id AS a FROM deals WHERE id = ${closing} AND stage NOT IN ('won', 'lost')`)
          )[0];
          const actor = owned?.a === anna.id ? anna : boris;
          if (owned && i % 3 === 0) await winDeal(as(actor), { dealId: closing });
          else if (owned) await loseDeal(as(actor), { dealId: closing, reason: i % 3 === 1 ? 'price' : 'competitor' });
        }
        if (i === 40) {
          const csv = ['Имя;Телефон', ...Array.from({ length: 12 }, (_, n) => `Cold ${n};+7 917 000${2000 + n}`)].join('\n');
          await importLeadsCsv(as(owner), { content: csv, fileName: 'cold.csv' });
        }
      }
    }
    return { owner, anna, boris, leadsSoFar, rounds };
  }

  it('adds up to the raw rows after 100 days of intake, takes, calls, deals won and lost, junk, a CSV import, moves and deletes', async () => {
    const { owner, anna, boris, leadsSoFar, rounds } = await team();
    await rounds(0, 50);
    // What no use case does but a hand in the database may: move a touched lead, change a channel, date a lead
    // back, reopen a won deal, move a deal to another lead, delete a deal and a lead.
    const [moved, rechannelled, redated] = leadsSoFar.slice(-40, -37) as [string, string, string];
    await h.db.run(sql`UPDATE leads SET assignee_id = ${anna.id} WHERE id = ${moved}`);
    await h.db.run(sql`UPDATE leads SET channel = 'partner', junk_reason = 'other' WHERE id = ${rechannelled}`);
    await h.db.run(
      sql`UPDATE leads SET created_at = created_at - ${3 * DAY + 5 * 60 * MIN}, first_touched_at = first_touched_at + ${45 * MIN} WHERE id = ${redated}`,
    );
    const [wonDeal] = await h.db.all<{ id: string }>(sql`SELECT id FROM deals WHERE stage = 'won' ORDER BY created_at DESC LIMIT 1`);
    await h.db.run(sql`UPDATE deals SET stage = 'negotiation', closed_at = NULL WHERE id = ${wonDeal!.id}`);
    const [lostDeal] = await h.db.all<{ id: string }>(sql`SELECT id FROM deals WHERE stage = 'lost' ORDER BY created_at DESC LIMIT 1`);
    const [bare] = await h.db.all<{ id: string }>(
      sql`SELECT id FROM leads l WHERE NOT EXISTS (SELECT 1 FROM deals d WHERE d.lead_id = l.id) ORDER BY created_at DESC LIMIT 1`,
    );
    await h.db.run(sql`UPDATE deals SET lead_id = ${bare!.id}, lost_reason = 'postponed' WHERE id = ${lostDeal!.id}`);
    const [gone] = await h.db.all<{ id: string }>(
      sql`SELECT id FROM deals WHERE stage NOT IN ('won', 'lost') ORDER BY created_at DESC LIMIT 1`,
    );
    await h.db.batch([
      h.db.run(sql`DELETE FROM activities WHERE deal_id = ${gone!.id}`),
      h.db.run(sql`DELETE FROM deal_items WHERE deal_id = ${gone!.id}`),
      h.db.run(sql`DELETE FROM deals WHERE id = ${gone!.id}`),
    ]);
    const [junked] = await h.db.all<{ id: string }>(sql`SELECT id FROM leads WHERE status = 'junk' ORDER BY created_at DESC LIMIT 1`);
    await h.db.batch([
      h.db.run(sql`DELETE FROM activities WHERE lead_id = ${junked!.id}`),
      h.db.run(sql`DELETE FROM leads WHERE id = ${junked!.id}`),
    ]);

    // At several times of day, so the partial days at both ends of the period cut differently; midnight has none.
    const end = clock.now().getTime();
    for (const at of [end, end + 5 * 60 * MIN, Math.ceil(end / DAY) * DAY, end + DAY + 13 * 60 * MIN]) {
      clock.set(new Date(at));
      expect(await expectRawFigures(owner, [anna.id, boris.id])).toBeGreaterThan(100);
    }
    // The histogram's median (big teams), compared within its precision.
    expect(await expectRawFigures(owner, [anna.id, boris.id], 0)).toBeGreaterThan(100);
  });

  it('backfills the counts exactly when a database that already has months of leads and deals is migrated', async () => {
    // The migrations as they were before the counts: the same files, the journal cut before 0015.
    const before = mkdtempSync(join(tmpdir(), 'crm-migrations-'));
    cpSync(MIGRATIONS_FOLDER, before, { recursive: true });
    const journal = JSON.parse(readFileSync(join(before, 'meta/_journal.json'), 'utf8')) as { entries: { idx: number }[] };
    journal.entries = journal.entries.filter((e) => e.idx < 15);
    writeFileSync(join(before, 'meta/_journal.json'), JSON.stringify(journal));
    h.close();
    h = await createDb({ url: ':memory:' });
    await migrate(h.db, { migrationsFolder: before });
    rmSync(before, { recursive: true, force: true });

    const { owner, anna, boris, rounds } = await team();
    await rounds(0, 35);
    expect(await h.db.all(sql`SELECT name FROM sqlite_master WHERE name LIKE 'dashboard%'`)).toEqual([]);
    await runMigrations(h.db);
    expect(await expectRawFigures(owner, [anna.id, boris.id])).toBeGreaterThan(100);
    // From here on the triggers keep what the backfill started.
    await rounds(35, 50);
    expect(await expectRawFigures(owner, [anna.id, boris.id])).toBeGreaterThan(100);
  });

  it('buckets delays in the database as in code, and the histogram median stays within its stated precision', async () => {
    const bounds = await h.db.all<{ lo: number }>(sql`SELECT lo FROM dashboard_touch_buckets ORDER BY lo`);
    expect(bounds.map((b) => b.lo)).toEqual(TOUCH_BUCKETS);
    const bucketOf = (d: number) => TOUCH_BUCKETS.filter((lo) => lo <= d).at(-1) ?? 0;
    const inDb = async (d: number) =>
      (await h.db.all<{ b: number }>(sql`SELECT coalesce((SELECT max(lo) FROM dashboard_touch_buckets WHERE lo <= ${d}), 0) AS b`))[0]!.b;
    expect([await inDb(-5), await inDb(999), await inDb(1000), await inDb(119 * MIN)]).toEqual([0, 0, 1000, 6_656_000]);
    expect([-5, 999, 1000, 119 * MIN].map(bucketOf)).toEqual([0, 0, 1000, 6_656_000]);
    // 1,001 delays from 1 minute to 3 hours, unevenly spread: the exact median is the 501st.
    const delays = Array.from({ length: 1001 }, (_, i) => Math.round(MIN + (i / 1000) ** 2 * 180 * MIN));
    const histogram = new Map<number, number>();
    for (const d of delays) histogram.set(bucketOf(d), (histogram.get(bucketOf(d)) ?? 0) + 1);
    const exact = delays[500]!;
    expect(Math.abs(medianOfBuckets(histogram)! - exact) / exact).toBeLessThan(0.01);
    expect(medianOfBuckets(new Map())).toBeNull();
  });
});
