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

export class RateLimiter {
  private readonly globalIntervalMs: number;
  private readonly privateIntervalMs: number;
  private readonly groupIntervalMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private globalNext = 0;
  private readonly chatNext = new Map<number, number>();
  private readonly blockedUntil = new Map<number, number>();

  constructor(o: RateLimiterOptions = {}) {
    this.globalIntervalMs = 1000 / (o.perSecond ?? 30);
    this.privateIntervalMs = o.privateIntervalMs ?? 1000;
    this.groupIntervalMs = o.groupIntervalMs ?? 3000;
    this.now = o.now ?? Date.now;
    this.sleep = o.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** Resolves when a message to `chatId` may go out; returns how long it waited. */
  async wait(chatId: number): Promise<number> {
    const now = this.now();
    const slot = Math.max(now, this.globalNext, this.chatNext.get(chatId) ?? 0);
    this.globalNext = slot + this.globalIntervalMs;
    // Group and channel ids are negative in the Bot API.
    this.chatNext.set(chatId, slot + (chatId < 0 ? this.groupIntervalMs : this.privateIntervalMs));
    if (this.chatNext.size > 10_000) this.forgetPast(now);
    const delay = slot - now;
    if (delay > 0) await this.sleep(delay);
    return delay;
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
