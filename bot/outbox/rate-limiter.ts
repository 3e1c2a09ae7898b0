/** A message's turn: it may go now (after waiting `waitedMs`), or its chat is blocked by a 429 for `blockedMs`. */
export type SendTurn = { waitedMs: number } | { blockedMs: number };

/**
 * What the outbox sender asks before each message. The product uses the database-backed
 * SharedPacer (./shared-pacer.ts), so every instance sending from one database shares the
 * limits; RateLimiter below keeps them in one process (tests and benches on a virtual clock).
 */
export interface SendPacer {
  /** Waits for `chatId`'s turn and takes it, or answers at once while a 429 blocks the chat (the sender reschedules). */
  take(chatId: number): Promise<SendTurn>;
  /** After a 429 for a chat: nothing more to it until Telegram's retry_after has passed. */
  block(chatId: number, ms: number): Promise<void> | void;
}

/** Telegram's limits: about 30 messages a second overall, one a second to a private chat, 20 a minute to a group. */
export const TELEGRAM_LIMITS = { perSecond: 30, privateIntervalMs: 1000, groupIntervalMs: 3000 } as const;

/** Group and channel ids are negative in the Bot API. */
export const chatIntervalMs = (chatId: number, limits: { privateIntervalMs: number; groupIntervalMs: number }) =>
  chatId < 0 ? limits.groupIntervalMs : limits.privateIntervalMs;

/**
 * Bot API limits, per process: about 30 messages a second overall, one a second to a private
 * chat and 20 a minute to a group. Each send reserves the earliest slot that respects all of them
 * before it waits, so concurrent senders never pick the same slot. Clock and sleep are injected:
 * tests check the spacing without waiting for it.
 */
export interface RateLimiterOptions {
  perSecond?: number;
  privateIntervalMs?: number;
  groupIntervalMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export class RateLimiter implements SendPacer {
  private readonly globalIntervalMs: number;
  readonly privateIntervalMs: number;
  readonly groupIntervalMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private globalNext = 0;
  private readonly chatNext = new Map<number, number>();
  private readonly blockedUntil = new Map<number, number>();

  constructor(o: RateLimiterOptions = {}) {
    this.globalIntervalMs = 1000 / (o.perSecond ?? TELEGRAM_LIMITS.perSecond);
    this.privateIntervalMs = o.privateIntervalMs ?? TELEGRAM_LIMITS.privateIntervalMs;
    this.groupIntervalMs = o.groupIntervalMs ?? TELEGRAM_LIMITS.groupIntervalMs;
    this.now = o.now ?? Date.now;
    this.sleep = o.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** Resolves when a message to `chatId` may go out; returns how long it waited. */
  async wait(chatId: number): Promise<number> {
    const now = this.now();
    const slot = Math.max(now, this.globalNext, this.chatNext.get(chatId) ?? 0);
    this.globalNext = slot + this.globalIntervalMs;
    this.chatNext.set(chatId, slot + chatIntervalMs(chatId, this));
    if (this.chatNext.size > 10_000) this.forgetPast(now);
    const delay = slot - now;
    if (delay > 0) await this.sleep(delay);
    return delay;
  }

  async take(chatId: number): Promise<SendTurn> {
    const blockedMs = this.blockedMs(chatId);
    return blockedMs > 0 ? { blockedMs } : { waitedMs: await this.wait(chatId) };
  }

  /**
   * After a 429 for a chat: nothing more to it until Telegram's retry_after has passed. Senders
   * ask `blockedMs` and reschedule rather than sleep, so one flooded chat does not hold up the rest.
   */
  block(chatId: number, ms: number): void {
    this.blockedUntil.set(chatId, Math.max(this.blockedUntil.get(chatId) ?? 0, this.now() + ms));
  }

  blockedMs(chatId: number): number {
    const until = this.blockedUntil.get(chatId);
    if (until === undefined) return 0;
    const left = until - this.now();
    if (left <= 0) this.blockedUntil.delete(chatId);
    return Math.max(left, 0);
  }

  private forgetPast(now: number): void {
    for (const [chat, next] of this.chatNext) if (next < now) this.chatNext.delete(chat);
  }
}

/** No waiting at all: unit tests that are not about rate limits. */
export const unlimited = (now?: () => number): RateLimiter =>
  new RateLimiter({ perSecond: Infinity, privateIntervalMs: 0, groupIntervalMs: 0, ...(now ? { now } : {}) });
