import { eq } from 'drizzle-orm';
import { deliverOutbox } from '../../bot/outbox/deliver.js';
import { outbox } from '../../db/schema/index.js';
import { runDueJobs } from '../../src/jobs/run-due-jobs.js';
import type { FakeBotMode } from './fake-bot-server.js';
import { FORM_TOKEN, outageWorld, type OutageWorld } from './outage-world.js';
import { tallyOutage, type OutageTally } from './outage-tally.js';

export interface OutagePhase {
  mode: Exclude<FakeBotMode, 'up'>;
  minutes: number;
  retryAfterSeconds?: number;
}

export interface OutageOptions {
  managers: number;
  /** Sender instances draining the outbox at once (Node plus another process, say). */
  senders: number;
  leadsPerMinute: number;
  /** Minutes of normal operation before the outage and after it (leads keep arriving). */
  beforeMinutes: number;
  afterMinutes: number;
  phases: OutagePhase[];
  /** How often the sender runs, in virtual time (Node's runner polls every 2 s). */
  tickMs?: number;
  /** 08:50 UTC on a Friday by default: the 09:00 morning list and reminders fall inside. */
  start?: Date;
  limit?: number;
}

export interface OutageReport extends OutageTally {
  leads: number;
  outageMinutes: number;
  /** Virtual minutes from the API coming back to the last pending row sent. */
  drainMinutes: number;
  refused: { '500': number; '429': number };
  sendRuns: number;
  jobsQueued: number;
}

/**
 * Leads arrive through the real Hono app (POST /hooks/form), jobs run on each virtual minute and
 * the outbox senders run every tick while the fake Bot API goes through the outage phases; then
 * the API is back, traffic goes on for a while, and the outbox is drained. Every message is
 * compared with what the fake accepted.
 */
export async function runOutage(o: OutageOptions): Promise<OutageReport> {
  const tickMs = o.tickMs ?? 2_000;
  const limit = o.limit ?? 50;
  const start = o.start ?? new Date('2026-11-27T08:50:00Z');
  const w = await outageWorld({ start, managers: o.managers, senders: o.senders });
  const s = { wall: start.getTime(), lastMinute: -1, leads: 0, sinceLead: 0, sendRuns: 0, jobsQueued: 0 };
  try {
    const tick = async (withLeads: boolean) => {
      // The next run comes a tick after the last one ended; rate-limit waits may have moved the clock on.
      s.wall = Math.max(s.wall, w.clock.now().getTime()) + tickMs;
      w.clock.reach(s.wall);
      const minute = Math.floor(w.clock.now().getTime() / 60_000);
      if (minute !== s.lastMinute) {
        s.lastMinute = minute;
        for (const outcome of await runDueJobs(w.deps, w.clock.now())) {
          if (outcome.error) throw outcome.error;
          s.jobsQueued += outcome.result?.queued ?? 0;
        }
      }
      s.sinceLead += tickMs;
      if (withLeads && s.sinceLead >= 60_000 / o.leadsPerMinute) {
        s.sinceLead = 0;
        await postLead(w, ++s.leads);
      }
      for (;;) {
        const reports = await Promise.all(w.senders.map((bot) => deliverOutbox(w.deps, bot, { limit })));
        s.sendRuns += reports.length;
        if (!reports.some((r) => r.claimed >= limit)) break;
      }
    };
    const runFor = async (minutes: number, withLeads = true) => {
      const end = s.wall + minutes * 60_000;
      while (s.wall < end) await tick(withLeads);
    };

    await runFor(o.beforeMinutes);
    const outageStart = w.clock.now().getTime();
    for (const phase of o.phases) {
      await w.fake.setMode(phase.mode, phase.retryAfterSeconds !== undefined ? { retryAfterSeconds: phase.retryAfterSeconds } : {});
      await runFor(phase.minutes);
    }
    await w.fake.setMode('up');
    const upAt = w.clock.now().getTime();
    await runFor(o.afterMinutes);
    // Drain: no more traffic, the senders run until nothing is pending (backoff is at most 10 minutes).
    let drainedAt = w.clock.now().getTime();
    for (let i = 0; (await pendingCount(w)) > 0 && i < (30 * 60_000) / tickMs; i++) {
      await tick(false);
      drainedAt = w.clock.now().getTime();
    }
    const rows = await w.handle.db.select().from(outbox);
    return {
      ...tallyOutage(rows, w.fake.accepted),
      leads: s.leads,
      outageMinutes: (upAt - outageStart) / 60_000,
      drainMinutes: Math.max(0, drainedAt - upAt) / 60_000,
      refused: { ...w.fake.refused },
      sendRuns: s.sendRuns,
      jobsQueued: s.jobsQueued,
    };
  } finally {
    await w.close();
  }
}

/** Every fifth request repeats the previous person: a `lead_repeat` to the team chat. */
async function postLead(w: OutageWorld, n: number): Promise<void> {
  const person = n % 5 === 0 ? n - 1 : n;
  const res = await w.app.request(`/hooks/form?token=${FORM_TOKEN}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: `Outage Client ${person}`, phone: `+7 916 ${String(10_000_000 + person).slice(1)}` }),
  });
  if (res.status !== 200 && res.status !== 201) throw new Error(`intake answered ${res.status}: ${await res.text()}`);
}

async function pendingCount(w: OutageWorld): Promise<number> {
  return (await w.handle.db.select({ id: outbox.id }).from(outbox).where(eq(outbox.status, 'pending'))).length;
}
