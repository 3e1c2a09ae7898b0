import type { User } from 'grammy/types';
import { afterEach, beforeEach } from 'vitest';
import type { Role } from '../../db/enums.js';
import type { DbHandle } from '../../db/client.js';
import { createBot, type CrmBot } from '../../bot/create-bot.js';
import { deliverOutbox } from '../../bot/outbox/deliver.js';
import { RateLimiter } from '../../bot/outbox/rate-limiter.js';
import type { AppDeps } from '../../src/app-deps.js';
import { systemActor } from '../../src/core/shared/context.js';
import { createInvite } from '../../src/core/team/create-invite.js';
import { createLeadFromIntake } from '../../src/core/intake/create-lead-from-intake.js';
import type { IntakeLeadInput } from '../../src/core/intake/intake-input.js';
import { memberByTelegram } from '../../src/core/team/member-by-telegram.js';
import { testDeps } from './app.js';
import { runTasksAfterUpdates, type BackgroundSwitch } from './background-tasks.js';
import type { TestClock } from './context.js';
import { freshDb } from './db.js';
import { callbackUpdate, FakeBotApi, findButton, testBotInfo, textUpdate, type FakeMessage } from './telegram.js';

export const TEAM_CHAT = -1001234567890;

/**
 * A whole CRM with its bot over a fresh database and a fake Bot API: people send messages and
 * press buttons, the test reads what they see. Taps are counted per person.
 */
export interface BotWorld {
  h: DbHandle;
  deps: AppDeps & { clock: TestClock };
  api: FakeBotApi;
  bot: CrmBot;
  taps: Map<number, number>;
  /** Prompt background work (the proposal PDF) runs after each update unless `autoRunTasks` is turned off. */
  background: BackgroundSwitch;
  send(user: User, text: string, opts?: { chatId?: number; replyTo?: FakeMessage }): Promise<void>;
  /** Presses the button labelled `label` on `message` (default: the last message in the user's chat). */
  tap(user: User, label: string | RegExp, message?: FakeMessage): Promise<void>;
  join(user: User, role: Role): Promise<void>;
  lead(input?: Partial<IntakeLeadInput>): Promise<{ id: string; number: number }>;
  deliver(): Promise<Awaited<ReturnType<typeof deliverOutbox>>>;
  memberId(user: User): Promise<string>;
  close(): void;
}

export async function botWorld(env: Record<string, string> = {}): Promise<BotWorld> {
  const h = await freshDb();
  const deps = testDeps(h.db, { LEADS_CHAT_ID: String(TEAM_CHAT), LOG_LEVEL: 'silent', ...env });
  const api = new FakeBotApi({ follow: () => deps.clock.now().getTime() });
  // The product's own pacing, sleeping in the fake's time: the fake's 429s catch what it lets through.
  const limiter = new RateLimiter({ now: api.now, sleep: api.pacedSleep });
  const bot = createBot({ ...deps, token: '123:TEST', botInfo: testBotInfo, fetch: api.fetch as never, limiter });
  const taps = new Map<number, number>();
  const background = runTasksAfterUpdates(bot, deps);
  let phones = 0;
  const world: BotWorld = {
    h,
    deps,
    api,
    bot,
    taps,
    background,
    send: (user, text, opts) => bot.handleUpdate(textUpdate(user, text, opts)),
    async tap(user, label, message) {
      const on = message ?? api.last(user.id);
      taps.set(user.id, (taps.get(user.id) ?? 0) + 1);
      await bot.handleUpdate(callbackUpdate(user, on, findButton(on, label).callback_data));
    },
    async join(user, role) {
      const { code } = await createInvite(deps.core(systemActor), role);
      await world.send(user, `/start ${code}`);
    },
    async lead(input = {}) {
      phones++;
      const result = await createLeadFromIntake(deps.core({ kind: 'webhook', id: 'form', label: 'site form' }), {
        channel: 'site_form',
        intakeSource: 'form',
        name: `Client ${phones}`,
        phone: `+7 999 000-00-${String(phones).padStart(2, '0')}`,
        ...input,
      });
      return { id: result.lead.id, number: result.lead.number };
    },
    deliver: () => deliverOutbox(deps, bot, { limit: 100 }),
    async memberId(user) {
      const m = await memberByTelegram(deps, user.id);
      if (!m) throw new Error(`${user.first_name} is not a member`);
      return m.id;
    },
    close: () => h.close(),
  };
  return world;
}

/** Who has joined the bot before a test starts: the owner, then the heads, then the managers, in that order. */
export interface Team {
  owner?: User;
  heads?: User[];
  managers?: User[];
}

/** Each person of `team` joins through an invite, as they would from Telegram. */
export async function joinTeam(world: BotWorld, team: Team): Promise<void> {
  if (team.owner) await world.join(team.owner, 'owner');
  for (const head of team.heads ?? []) await world.join(head, 'head');
  for (const manager of team.managers ?? []) await world.join(manager, 'manager');
}

/**
 * Gives every test of the enclosing `describe` its own bot world with `team` joined, and closes it after
 * the test. `make` builds the world: botWorld by default, or dealBotWorld, or one with its own env.
 * Its fields are replaced before each test: read them inside tests and hooks, never at describe level.
 */
export function useBotWorld<W extends BotWorld = BotWorld>(team: Team = {}, make: () => Promise<W> = botWorld as () => Promise<W>): W {
  const world = {} as W;
  beforeEach(async () => {
    Object.assign(world, await make());
    await joinTeam(world, team);
  });
  afterEach(() => world.close());
  return world;
}
