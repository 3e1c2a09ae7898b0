import { InputFile, type Api } from 'grammy';
import type { AppDeps } from '../../src/app-deps.js';
import {
  claimDueOutbox, failOutbox, markOutboxSent, outboxBackoffMs, rescheduleOutbox, type OutboxRow,
} from '../../src/core/outbox-queue.js';
import { outboxRenderers } from '../render/registry.js';
import type { OutboxMessage, OutboxRenderer } from '../render/outbox-renderer.js';
import type { RateLimiter } from './rate-limiter.js';
import { classifySendError } from './send-error.js';

export interface DeliveryTarget {
  /** A Bot API client without auto-retry: a 429 here reschedules the row instead of sleeping. */
  deliveryApi: Api;
  limiter: RateLimiter;
}

export interface DeliverOptions {
  limit?: number;
  limiter?: RateLimiter;
  renderers?: Record<string, OutboxRenderer>;
}

export interface DeliveryReport {
  claimed: number;
  sent: number;
  skipped: number;
  retried: number;
  failed: number;
}

type Job = { row: OutboxRow; message: OutboxMessage };

/**
 * A send that takes longer is abandoned (and retried): it must end well inside the claim, or
 * another sender could take the row over while this one is still sending it.
 */
export const SEND_TIMEOUT_MS = 20_000;

/**
 * Sends the due outbox rows once: claim (locked against other instances), render, send within
 * the rate limits, then mark sent with the Telegram message id, or reschedule (429: after
 * retry_after; 5xx and network: backoff), or mark failed when a retry cannot help. Rows to one
 * chat go in order; chats go in parallel. Workers and jobs call this directly; Node also runs it
 * from a poller and on every new lead.
 */
export async function deliverOutbox(deps: AppDeps, bot: DeliveryTarget, opts: DeliverOptions = {}): Promise<DeliveryReport> {
  const queue = { db: deps.db, now: deps.now };
  const renderers = opts.renderers ?? outboxRenderers;
  const limiter = opts.limiter ?? bot.limiter;
  const rows = await claimDueOutbox(queue, { limit: opts.limit ?? 50 });
  const report: DeliveryReport = { claimed: rows.length, sent: 0, skipped: 0, retried: 0, failed: 0 };
  const retry = async (row: OutboxRow, delayMs: number, error: string) => {
    report.retried++;
    await rescheduleOutbox(queue, row, { delayMs, error });
  };

  // Rendering may assign a lead (round-robin): one at a time, so each sees the previous choice.
  const byChat = new Map<number, Job[]>();
  for (const row of rows) {
    const render = renderers[row.kind];
    if (!render) {
      await retry(row, outboxBackoffMs(row.attempts), `no renderer for kind ${row.kind}`);
      continue;
    }
    try {
      const message = await render({ deps, row });
      if (!message) {
        report.skipped++;
        await markOutboxSent(queue, row, { messageId: null, note: 'nothing to send' });
        continue;
      }
      byChat.set(message.chatId, [...(byChat.get(message.chatId) ?? []), { row, message }]);
    } catch (e) {
      await retry(row, outboxBackoffMs(row.attempts), `render: ${String((e as Error)?.message ?? e)}`);
    }
  }

  await Promise.all(
    [...byChat.values()].map(async (jobs) => {
      // Once one message to a chat has to wait, the ones after it wait as long: order per chat
      // is kept here within a run, and by the claim (earlier rows first) across runs.
      let hold: { ms: number; reason: string } | null = null;
      for (const { row, message } of jobs) {
        const blocked = limiter.blockedMs(message.chatId);
        if (hold || blocked > 0) {
          await retry(row, Math.max(hold?.ms ?? 0, blocked), hold?.reason ?? 'chat rate-limited (429) shortly before');
          continue;
        }
        await limiter.wait(message.chatId);
        // A long line to one chat (a group takes one message per 3 s) can outlast the claim while
        // it waits its turn. Past that point another sender may already own the row: hand the rest
        // of the line back instead of sending what someone else may be sending too.
        if (row.lockedUntil && deps.now().getTime() > row.lockedUntil.getTime() - SEND_TIMEOUT_MS) {
          hold = { ms: 0, reason: 'released: the claim ran out while waiting for a rate-limit slot' };
          await retry(row, 0, hold.reason);
          continue;
        }
        try {
          const sent = await send(bot.deliveryApi, message);
          report.sent++;
          await markOutboxSent(queue, row, { messageId: sent.message_id, chatId: message.chatId });
        } catch (e) {
          const failure = classifySendError(e);
          if (failure.kind === 'permanent') {
            report.failed++;
            await failOutbox(queue, row, failure.message);
            continue;
          }
          const ms = failure.kind === 'rate_limited' ? failure.retryAfterMs : outboxBackoffMs(row.attempts);
          hold = { ms, reason: `waiting for an earlier message to this chat (${failure.message})` };
          if (failure.kind === 'rate_limited') limiter.block(message.chatId, ms);
          await retry(row, ms, failure.message);
        }
      }
    }),
  );
  return report;
}

function send(api: Api, m: OutboxMessage) {
  const common = {
    ...(m.parseMode ? { parse_mode: m.parseMode } : {}),
    ...(m.replyMarkup ? { reply_markup: m.replyMarkup } : {}),
  };
  // grammY's Node typings name the abort-controller polyfill; at run time it listens to any AbortSignal.
  const signal = AbortSignal.timeout(SEND_TIMEOUT_MS) as unknown as Parameters<Api['sendMessage']>[3];
  if (m.photo) return api.sendPhoto(m.chatId, new InputFile(m.photo.data, m.photo.filename), { caption: m.text, ...common }, signal);
  return api.sendMessage(m.chatId, m.text, { ...common, ...(m.linkPreview ? { link_preview_options: m.linkPreview } : {}) }, signal);
}
