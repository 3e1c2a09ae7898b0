import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb, type DbHandle } from '../../db/client.js';
import { runMigrations } from '../../db/migrate.js';
import { outbox } from '../../db/schema/index.js';
import { createBot, type CrmBot } from '../../bot/create-bot.js';
import { deliverOutbox } from '../../bot/outbox/deliver.js';
import { RateLimiter } from '../../bot/outbox/rate-limiter.js';
import type { OutboxRenderer } from '../../bot/render/outbox-renderer.js';
import { createAppDeps, type AppDeps } from '../../src/app-deps.js';
import { parseEnv } from '../../src/config.js';
import { newId } from '../../src/core/shared/ids.js';
import { nodeFonts } from '../../src/entry/node-fonts.js';
import { nodeResvgWasm } from '../../src/entry/node-resvg.js';
import { FakeBotApi, testBotInfo, type ApiCall } from '../helpers/telegram.js';

/**
 * Two instances of the CRM (each its own database connection, bot and pacer, as two processes
 * would have) drain one outbox on one database file, in real time, against the strict fake Bot
 * API, which answers 429 past Telegram's pacing and records when each message arrived.
 */
const CHATS = 40;
const PER_CHAT = 3;
const renderers: Record<string, OutboxRenderer> = {
  note: async ({ row }) => ({ chatId: row.chatId!, text: String(row.payload.text) }),
};

let dir: string | undefined;
const handles: DbHandle[] = [];
afterEach(() => {
  for (const h of handles.splice(0)) h.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

interface Instance {
  deps: AppDeps;
  bot: CrmBot;
  sent: () => number;
}

async function twoInstances(api: FakeBotApi, limiter?: () => RateLimiter): Promise<[Instance, Instance]> {
  dir = mkdtempSync(join(tmpdir(), 'crm-pacing-'));
  const url = `file:${join(dir, 'crm.db')}`;
  const config = parseEnv({ DATABASE_URL: url, LOG_LEVEL: 'silent' });
  const make = async (): Promise<Instance> => {
    const h = await createDb({ url });
    handles.push(h);
    const deps = createAppDeps({ db: h.db, config, now: () => new Date(), fonts: nodeFonts, resvgWasm: nodeResvgWasm });
    let sent = 0;
    const fetch = async (input: string | URL | Request, init?: RequestInit) => {
      const res = await api.fetch(input, init);
      if (res.ok && String(input).endsWith('/sendMessage')) sent++;
      return res;
    };
    const bot = createBot({ ...deps, token: '123:TEST', botInfo: testBotInfo, fetch: fetch as never, ...(limiter ? { limiter: limiter() } : {}) });
    return { deps, bot, sent: () => sent };
  };
  const a = await make();
  await runMigrations(a.deps.db);
  return [a, await make()];
}

/** 120 messages to 40 private chats, three each, queued in rounds (chat 1..40, then again). */
async function queueNotes(deps: AppDeps): Promise<void> {
  const now = new Date();
  const rows = [];
  for (let round = 0; round < PER_CHAT; round++) {
    for (let chat = 1; chat <= CHATS; chat++) {
      rows.push({
        id: newId(),
        kind: 'note',
        chatId: 5000 + chat,
        payload: { text: `note ${round + 1} to chat ${chat}` },
        nextAttemptAt: now,
        createdAt: new Date(now.getTime() + rows.length),
      });
    }
  }
  await deps.db.insert(outbox).values(rows);
}

/** One instance's delivery loop: small batches (so both instances take part), until nothing is pending. */
async function drain(instance: Instance): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const report = await deliverOutbox(instance.deps, instance.bot, { limit: 10, renderers });
    if (report.claimed > 0) continue;
    const pending = await instance.deps.db.select({ id: outbox.id }).from(outbox).where(eq(outbox.status, 'pending')).limit(1);
    if (pending.length === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const delivered = (api: FakeBotApi): ApiCall[] => api.calls.filter((c) => c.method === 'sendMessage' && c.ok);
const refused429 = (api: FakeBotApi): ApiCall[] => api.calls.filter((c) => c.error?.error_code === 429);

/** The most messages that arrived within any one second (a sliding window over the fake's timestamps). */
function busiestSecond(calls: ApiCall[]): number {
  const at = calls.map((c) => c.at).sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; j < at.length; j++) {
    while (at[j]! - at[i]! >= 1000) i++;
    most = Math.max(most, j - i + 1);
  }
  return most;
}

/** The shortest time between two messages to the same chat. */
function closestToOneChat(calls: ApiCall[]): number {
  const last = new Map<number, number>();
  let closest = Infinity;
  for (const c of [...calls].sort((a, b) => a.at - b.at)) {
    const chat = Number(c.payload.chat_id);
    const before = last.get(chat);
    if (before !== undefined) closest = Math.min(closest, c.at - before);
    last.set(chat, c.at);
  }
  return closest;
}

describe('Telegram pacing shared through the database by two instances', () => {
  it('two senders deliver 120 messages to 40 chats together within 30 a second and one a second per chat, with no 429', async () => {
    const api = new FakeBotApi({ clock: () => Date.now() });
    const [a, b] = await twoInstances(api);
    await queueNotes(a.deps);

    await Promise.all([drain(a), drain(b)]);

    const calls = delivered(api);
    expect(refused429(api)).toEqual([]);
    expect(calls).toHaveLength(CHATS * PER_CHAT);
    expect(new Set(calls.map((c) => c.payload.text)).size).toBe(CHATS * PER_CHAT);
    // Both took part: this is two senders sharing the limits, not one doing all the work.
    expect(a.sent()).toBeGreaterThan(20);
    expect(b.sent()).toBeGreaterThan(20);
    expect(a.sent() + b.sent()).toBe(CHATS * PER_CHAT);
    expect(busiestSecond(calls)).toBeLessThanOrEqual(30);
    expect(closestToOneChat(calls)).toBeGreaterThanOrEqual(900);
    const left = await a.deps.db.select({ id: outbox.id }).from(outbox).where(eq(outbox.status, 'pending'));
    expect(left).toEqual([]);
  });

  it('without it (each instance pacing only itself) the same load goes past 30 a second and Telegram answers 429', async () => {
    const api = new FakeBotApi({ clock: () => Date.now() });
    const [a, b] = await twoInstances(api, () => new RateLimiter());
    await queueNotes(a.deps);

    await Promise.all([drain(a), drain(b)]);

    expect(refused429(api).length).toBeGreaterThan(0);
    // Every message still arrives once: a 429 reschedules the row.
    expect(new Set(delivered(api).map((c) => c.payload.text)).size).toBe(CHATS * PER_CHAT);
  });
});
