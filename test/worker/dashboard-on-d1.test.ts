import { env } from 'cloudflare:workers';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { buildDashboard } from '../../src/core/reports/build-dashboard.js';
import { convertLead } from '../../src/core/leads/convert-lead.js';
import { createLeadFromIntake } from '../../src/core/intake/create-lead-from-intake.js';
import { junkLead } from '../../src/core/leads/junk-lead.js';
import { loseDeal } from '../../src/core/deals/lose-deal.js';
import { takeLead } from '../../src/core/leads/take-lead.js';
import { winDeal } from '../../src/core/deals/win-deal.js';
import { workerRuntime } from '../../src/entry/worker.js';
import { figuresOf, rawDashboardFigures } from '../helpers/dashboard-reference.js';
import { as, D1Clock, seedMember } from './d1-team.js';

const DAY = 86_400_000;
const deps = () => workerRuntime(env as never).deps;
const webhook = { actor: { kind: 'webhook' as const, id: 'form', label: 'site form' } };

describe('the dashboard on D1 (triggers from db/migrations)', () => {
  it('adds whole days from the per-day counts the triggers keep and equals the raw rows after a week of work', async () => {
    const db = deps().db;
    const clock = new D1Clock(new Date('2026-11-16T10:20:00Z'));
    const owner = await seedMember(db, 9101, 'Olga', 'owner');
    const anna = await seedMember(db, 9102, 'Anna', 'manager');
    const deals: string[] = [];
    for (let day = 0; day < 9; day++) {
      const leadIds: string[] = [];
      for (const [k, channel] of (['site_form', 'partner', 'call'] as const).entries()) {
        const created = await createLeadFromIntake(as(deps(), clock, webhook), {
          channel,
          intakeSource: 'form',
          name: `Lead ${day}.${k}`,
          phone: `+7 916 555${String(day * 10 + k).padStart(4, '0')}`,
        });
        leadIds.push(created.lead.id);
      }
      clock.advance(40 * 60_000 + day * 7 * 60_000);
      await takeLead(as(deps(), clock, anna), leadIds[0]!);
      if (day % 2 === 0)
        deals.push(
          (await convertLead(as(deps(), clock, anna), { leadId: leadIds[0]!, next: { dueAt: new Date(clock.now().getTime() + DAY) } }))
            .dealId,
        );
      if (day % 3 === 1) await junkLead(as(deps(), clock, owner), { leadId: leadIds[1]!, reason: 'spam' });
      if (day === 4) await winDeal(as(deps(), clock, anna), { dealId: deals[0]! });
      if (day === 6) await loseDeal(as(deps(), clock, anna), { dealId: deals[1]!, reason: 'price' });
      clock.advance(DAY - 30 * 60_000);
    }

    const ctx = as(deps(), clock, owner);
    for (const f of [{}, { managerId: anna.id }, { channel: 'partner' as const }, { managerId: anna.id, channel: 'site_form' as const }]) {
      const filter = { from: new Date(clock.now().getTime() - 7 * DAY), to: clock.now(), ...f };
      expect(figuresOf(await buildDashboard(ctx, filter))).toEqual(await rawDashboardFigures(db, filter));
    }
    const dashboard = await buildDashboard(ctx, { from: new Date(clock.now().getTime() - 7 * DAY), to: clock.now() });
    expect(dashboard.funnel.leads).toBeGreaterThan(15);
    expect(dashboard.lostReasons).toEqual([{ reason: 'price', count: 1 }]);
    expect(dashboard.junkReasons).toEqual([{ reason: 'spam', count: 2 }]);
    // The whole days came from the counts, not from a scan: the triggers wrote them on D1.
    const [counted] = await db.all<{ leads: number }>(
      sql`SELECT sum(leads) AS leads FROM dashboard_lead_days WHERE assignee_id = '*' AND channel = '*'`,
    );
    expect(counted?.leads).toBe(27);
  });
});
