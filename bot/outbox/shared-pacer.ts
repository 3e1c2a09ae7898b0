import type { Db } from '../../db/client.js';
import { blockChat, reserveSendSlot } from '../../src/core/telegram/telegram-pacing.js';
import { chatIntervalMs, TELEGRAM_LIMITS, type SendPacer, type SendTurn } from './rate-limiter.js';

export interface SharedPacerOptions {
  /** Messages a second overall, for all instances together. */
  perSecond?: number;
  privateIntervalMs?: number;
  groupIntervalMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Aims under Telegram's 30 a second, and a message leaves at most LATE_MS after its slot (later,
 * it takes a new one): slots 1000/27 ms apart, each sent within 50 ms of it, put at most
 * ceil(1050 / 37) = 29 messages in any one second, with one to spare for the way to the socket.
 */
export const SHARED_PER_SECOND = 27;
export const LATE_MS = 50;

/**
 * Telegram's pacing shared through the database: every send reserves its slot in
 * `telegram_pacing` (one statement, src/core/telegram/telegram-pacing.ts), so two Node processes, or a
 * Node process and Workers isolates, sending from one database stay within 30 messages a second
 * and the per-chat limits together, and a 429 for a chat holds back every instance. The clock is
 * the deps' wall clock: instances on different machines must keep theirs in sync (NTP).
 */
export class SharedPacer implements SendPacer {
  private readonly globalMs: number;
  private readonly limits: { privateIntervalMs: number; groupIntervalMs: number };
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly ctx: { db: Db; now: () => Date },
    o: SharedPacerOptions = {},
  ) {
    this.globalMs = 1000 / (o.perSecond ?? SHARED_PER_SECOND);
    this.limits = {
      privateIntervalMs: o.privateIntervalMs ?? TELEGRAM_LIMITS.privateIntervalMs,
      groupIntervalMs: o.groupIntervalMs ?? TELEGRAM_LIMITS.groupIntervalMs,
    };
    this.sleep = o.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  async take(chatId: number): Promise<SendTurn> {
    const gaps = { globalMs: this.globalMs, chatMs: chatIntervalMs(chatId, this.limits) };
    const start = this.ctx.now().getTime();
    for (;;) {
      const slot = await reserveSendSlot(this.ctx, chatId, gaps);
      const now = this.ctx.now().getTime();
      if ('blockedUntil' in slot) return { blockedMs: Math.max(slot.blockedUntil - now, 1) };
      if ('askAt' in slot) {
        await this.sleep(Math.max(slot.askAt - now, 1));
        continue;
      }
      if (slot.slotAt > now) await this.sleep(slot.slotAt - now);
      // Woken well past the slot (a busy event loop, a paused process): sent now, this message would
      // bunch up with the punctual ones after it. It takes a fresh slot instead.
      if (this.ctx.now().getTime() - slot.slotAt <= LATE_MS) return { waitedMs: Math.max(this.ctx.now().getTime() - start, 0) };
    }
  }

  block(chatId: number, ms: number): Promise<void> {
    return blockChat(this.ctx, chatId, ms);
  }
}
