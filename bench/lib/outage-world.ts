import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { UserFromGetMe } from 'grammy/types';
import { createBot, type CrmBot } from '../../bot/create-bot.js';
import { RateLimiter } from '../../bot/outbox/rate-limiter.js';
import { createDb, type DbHandle } from '../../db/client.js';
import { runMigrations } from '../../db/migrate.js';
import { createApp } from '../../src/app.js';
import { createAppDeps, type AppDeps } from '../../src/app-deps.js';
import { parseEnv } from '../../src/config.js';
import { nodeFonts } from '../../src/entry/node-fonts.js';
import { nodeResvgWasm } from '../../src/entry/node-resvg.js';
import { startFakeBotServer, type FakeBotServer } from './fake-bot-server.js';

export const TEAM_CHAT = -1009000000001;
export const FORM_TOKEN = 'outage-form-token';
const botInfo = { id: 1, is_bot: true, first_name: 'Outage', username: 'outage_bot' } as UserFromGetMe;

/** Time that moves only when told: outbox backoff, locks, rate limits and jobs all read it. */
export class VirtualClock {
  constructor(private ms: number) {}
  now = (): Date => new Date(this.ms);
  advance(ms: number): void {
    this.ms += ms;
  }
  /** Never backwards: a rate-limit wait may already have carried the clock past `at`. */
  reach(at: number): void {
    this.ms = Math.max(this.ms, at);
  }
}

export interface OutageWorld {
  handle: DbHandle;
  deps: AppDeps;
  clock: VirtualClock;
  fake: FakeBotServer;
  /** One bot per sender instance, each with its own rate limiter, like separate processes. */
  senders: CrmBot[];
  app: ReturnType<typeof createApp>;
  managers: { id: string; chatId: number }[];
  close(): Promise<void>;
}

/**
 * A whole CRM on a temp-file libSQL database with the real grammY bot pointed (apiRoot) at a
 * local fake Bot API over HTTP. Rate-limit waits advance the virtual clock instead of sleeping,
 * so the product's limiter runs as written without slowing the test.
 */
export async function outageWorld(opts: { start: Date; managers: number; senders: number }): Promise<OutageWorld> {
  const dir = mkdtempSync(join(tmpdir(), 'crm-outage-'));
  const handle = await createDb({ url: `file:${join(dir, 'crm.db')}` });
  await runMigrations(handle.db);
  const clock = new VirtualClock(opts.start.getTime());
  const config = parseEnv({
    DATABASE_URL: 'file:outage',
    LEADS_CHAT_ID: String(TEAM_CHAT),
    FORM_TOKEN,
    WORKDAY_START: '09:00',
    LOG_LEVEL: 'silent',
    JOBS: 'false',
  });
  const deps = createAppDeps({ db: handle.db, config, now: clock.now, fonts: nodeFonts, resvgWasm: nodeResvgWasm });
  const fake = await startFakeBotServer();
  const senders = Array.from({ length: opts.senders }, (_, i) =>
    createBot({
      ...deps,
      token: `${i + 1}:OUTAGE`,
      botInfo,
      apiRoot: fake.apiRoot,
      limiter: new RateLimiter({ now: () => clock.now().getTime(), sleep: async (ms) => clock.advance(ms) }),
    }),
  );
  const managers = await seedTeam(handle, opts.start.getTime(), opts.managers);
  return {
    handle,
    deps,
    clock,
    fake,
    senders,
    app: createApp(deps),
    managers,
    async close() {
      await fake.close();
      handle.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Managers in UTC, each with one overdue call (so the 09:00 morning list has something) and
 * three calls due between 09:10 and 09:40 (so reminders fall inside the outage), plus an owner.
 */
async function seedTeam(handle: DbHandle, now: number, count: number): Promise<{ id: string; chatId: number }[]> {
  const c = handle.client;
  const managers = Array.from({ length: count }, (_, i) => ({ id: `M${i + 1}`, chatId: 500_000 + i + 1 }));
  const nineUtc = Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth(), new Date(now).getUTCDate(), 9);
  await c.execute({
    sql: `INSERT INTO members (id, telegram_id, chat_id, name, role, language, time_zone, created_at, updated_at)
          VALUES ('OWNER', 400000, 400000, 'Owner', 'owner', 'en', 'UTC', ?, ?)`,
    args: [now, now],
  });
  let lead = 0;
  for (const m of managers) {
    await c.execute({
      sql: `INSERT INTO members (id, telegram_id, chat_id, name, role, language, time_zone, created_at, updated_at)
            VALUES (?, ?, ?, ?, 'manager', 'en', 'UTC', ?, ?)`,
      args: [m.id, m.chatId, m.chatId, `Manager ${m.id}`, now, now],
    });
    for (let k = 0; k < 4; k++) {
      lead++;
      const due = k === 0 ? now - 86_400_000 : nineUtc + (k * 10 + (lead % 5)) * 60_000;
      await c.execute({
        sql: `INSERT INTO leads (id, number, name, channel, status, assignee_id, created_at, updated_at)
              VALUES (?, ?, ?, 'site_form', 'in_progress', ?, ?, ?)`,
        args: [`L${lead}`, lead, `Client ${lead}`, m.id, now, now],
      });
      await c.execute({
        sql: `INSERT INTO activities (id, kind, subject, due_at, assignee_id, lead_id, created_at, updated_at)
              VALUES (?, 'call', ?, ?, ?, ?, ?, ?)`,
        args: [`A${lead}`, `Call back #${lead}`, due, m.id, `L${lead}`, now, now],
      });
    }
  }
  return managers;
}
