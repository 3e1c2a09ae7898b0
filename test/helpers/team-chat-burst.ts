import { eq } from 'drizzle-orm';
import { outbox } from '../../db/schema/index.js';
import { createBot } from '../../bot/create-bot.js';
import { deliverOutbox } from '../../bot/outbox/deliver.js';
import { RateLimiter } from '../../bot/outbox/rate-limiter.js';
import { botWorld, TEAM_CHAT, type BotWorld } from './bot-world.js';
import { testBotInfo, tgUser } from './telegram.js';

export interface BurstResult {
  world: BotWorld;
  leadIds: string[];
  /** Per lead, ms from its arrival to the first team-chat message carrying its Take button. */
  latencies: number[];
  /** Leads that never got a button. */
  missing: number;
  groupMessages: number;
  /** Sends to the team chat the group limit refused (429). */
  refused: number;
}

/**
 * A burst of leads against the team chat, on a virtual clock: `count` leads arrive evenly within
 * `windowMs`; the sender runs whenever the previous run ends (as Node's runner does when intake
 * kicks it), pacing itself with the product's RateLimiter; leads keep arriving while it waits for
 * a slot. The fake Bot API refuses a 21st group message within a minute with 429, as Telegram does.
 */
export async function runTeamChatBurst(opts: { count?: number; windowMs?: number; groupLimitPerMinute?: number } = {}): Promise<BurstResult> {
  const count = opts.count ?? 50;
  const windowMs = opts.windowMs ?? 60_000;
  const limit = opts.groupLimitPerMinute ?? 20;
  const w = await botWorld();
  await w.join(tgUser(2, 'Anna', 'ru'), 'manager');
  const clock = w.deps.clock;
  const start = clock.now().getTime();
  const arrivals = Array.from({ length: count }, (_, i) => start + Math.round((i * windowMs) / count));
  const arrivedAt = new Map<string, number>();
  const shownAt = new Map<string, number>();
  const sentAt: number[] = [];
  let refused = 0;

  w.api.failWith = (method, p) => {
    if (p.chat_id !== TEAM_CHAT || !method.startsWith('send')) return undefined;
    const now = clock.now().getTime();
    if (sentAt.filter((t) => t > now - 60_000).length >= limit) {
      refused++;
      return { error_code: 429, description: 'Too Many Requests: retry after 3', parameters: { retry_after: 3 } };
    }
    sentAt.push(now);
    for (const b of (p.reply_markup?.inline_keyboard ?? []).flat()) {
      const id = /^take:(.+)$/.exec(String(b.callback_data ?? ''))?.[1];
      if (id && !shownAt.has(id)) shownAt.set(id, now);
    }
    return undefined;
  };

  let next = 0;
  const arriveUntil = async (t: number) => {
    while (next < count && arrivals[next]! <= t) {
      clock.set(new Date(Math.max(clock.now().getTime(), arrivals[next]!)));
      const { id } = await w.lead({ comment: `Request ${next}: call me back` });
      arrivedAt.set(id, arrivals[next]!);
      next++;
    }
  };
  const limiter = new RateLimiter({
    now: () => clock.now().getTime(),
    // While the sender waits for a slot, time passes and more leads arrive.
    sleep: async (ms) => {
      const until = clock.now().getTime() + ms;
      await arriveUntil(until);
      clock.set(new Date(Math.max(until, clock.now().getTime())));
    },
  });
  const sender = createBot({ ...w.deps, token: '123:TEST', botInfo: testBotInfo, fetch: w.api.fetch as never, limiter });
  const pending = async () => (await w.h.db.select({ id: outbox.id }).from(outbox).where(eq(outbox.status, 'pending'))).length;

  for (let guard = 0; guard < 10_000; guard++) {
    if (next < count && (await pending()) === 0) await arriveUntil(Math.max(clock.now().getTime(), arrivals[next]!));
    const report = await deliverOutbox(w.deps, sender, { limit: 50 });
    if (next >= count && (await pending()) === 0) break;
    // Nothing could go now (a retry is scheduled later): let a little time pass.
    if (report.sent === 0) {
      const until = clock.now().getTime() + 250;
      await arriveUntil(until);
      clock.set(new Date(until));
    }
  }
  const leadIds = [...arrivedAt.keys()];
  const latencies = leadIds.filter((id) => shownAt.has(id)).map((id) => shownAt.get(id)! - arrivedAt.get(id)!);
  return { world: w, leadIds, latencies, missing: leadIds.length - latencies.length, groupMessages: sentAt.length, refused };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
