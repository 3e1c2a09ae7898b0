import { afterAll, describe, expect, it } from 'vitest';
import { intakeLog } from '../../db/schema/index.js';
import { systemActor } from '../../src/core/shared/context.js';
import { createPartner } from '../../src/core/partners/create-partner.js';
import { webhookApp } from '../helpers/webhook-app.js';
import { toInit } from './intake-requests.js';
import { REPLAY_CASES, type ReplayCase, type Reply } from './replay-cases.js';

/**
 * Senders retry: Tilda twice a minute apart, PBXs until they get a 200, partners on a timeout.
 * Every endpoint's real payload is delivered three times, at once and one after another; each
 * must leave exactly one lead, and the replies to the repeats say it was a repeat where the sender
 * may know (partners, phone systems) and are the very same answer where it may not (public forms).
 */
const SENDS = 3;
const table: Record<string, unknown>[] = [];

async function deliver(c: ReplayCase, mode: 'concurrent' | 'sequential') {
  const t = await webhookApp();
  try {
    const partner = await createPartner(t.deps.core(systemActor), 'Replay partner');
    const tag = mode === 'concurrent' ? 0 : 1;
    const send = async (): Promise<Reply> => {
      const res = await t.request(c.request(tag, partner.key).path, toInit(c.request(tag, partner.key)));
      const text = await res.text();
      return { status: res.status, text, body: JSON.parse(text) as Record<string, unknown>, replayed: res.headers.get('idempotent-replayed') };
    };
    const replies: Reply[] = [];
    if (mode === 'concurrent') replies.push(...(await Promise.all(Array.from({ length: SENDS }, send))));
    else for (let i = 0; i < SENDS; i++) replies.push(await send());
    const outcomes = (await t.db.select({ outcome: intakeLog.outcome }).from(intakeLog)).map((r) => r.outcome).sort();
    return { replies, leads: await t.leadCount(), outcomes };
  } finally {
    t.close();
  }
}

describe('replay: every intake endpoint, each real payload delivered 3 times', () => {
  afterAll(() => {
    console.log('\nReplay (3 deliveries each):');
    console.table(table);
  });

  for (const c of REPLAY_CASES) {
    for (const mode of ['concurrent', 'sequential'] as const) {
      it(`${c.name}, ${mode}: one lead, the repeats say so`, async () => {
        const { replies, leads, outcomes } = await deliver(c, mode);
        const originals = replies.filter((r) => c.isOriginal(r) && !c.isRepeat(r)).length;
        const repeats = replies.filter((r) => c.isRepeat(r) && !c.isOriginal(r)).length;
        table.push({
          endpoint: c.name,
          mode,
          sends: replies.length,
          leads,
          statuses: replies.map((r) => r.status).join(' '),
          duplicates: c.isOriginal === c.isRepeat ? 'same answer' : repeats,
          logged: outcomes.join(' '),
        });
        expect(leads, 'exactly one lead').toBe(1);
        expect(replies.every((r) => c.isOriginal(r) || c.isRepeat(r)), JSON.stringify(replies)).toBe(true);
        expect(new Set(replies.map((r) => c.leadOf(r))).size, 'every reply names the same lead').toBe(1);
        if (mode === 'sequential') {
          expect(c.isOriginal(replies[0]!), 'the first reply is the original').toBe(true);
          for (const r of replies.slice(1)) expect(c.isRepeat(r), `a repeat says so: ${r.text}`).toBe(true);
        }
        // Concurrent deliveries race: whichever lands first is the original, the others must be repeats.
        if (c.isOriginal !== c.isRepeat) {
          expect(originals, `one original among ${JSON.stringify(replies)}`).toBe(1);
          expect(repeats).toBe(SENDS - 1);
        }
        expect(outcomes.filter((o) => o === 'created'), 'the log holds one created').toHaveLength(1);
      });
    }
  }
});
