import { InputFile, type Api } from 'grammy';
import type { AppDeps } from '../../src/app-deps.js';
import {
  claimDueOutbox, failOutbox, markOutboxSent, outboxBackoffMs, rescheduleOutbox, type OutboxRow,
} from '../../src/core/telegram/outbox-queue.js';
import { recordTeamChatCard } from '../../src/core/team-chat/record-team-chat-card.js';
import { outboxRenderers } from '../render/registry.js';
import { LIST_CARD_MAX } from '../render/team-card.js';
import { renderTeamCard, teamCardMessage } from '../team-chat.js';
import type { OutboxMessage, OutboxRenderer } from '../render/outbox-renderer.js';
import type { SendPacer } from './rate-limiter.js';
import { classifySendError } from './send-error.js';

export interface DeliveryTarget {
  /** A Bot API client without auto-retry: a 429 here reschedules the row instead of sleeping. */
  deliveryApi: Api;
  /** Telegram's pacing: shared through the database in the product (SharedPacer). */
  limiter: SendPacer;
}

export interface DeliverOptions {
  limit?: number;
  limiter?: SendPacer;
  renderers?: Record<string, OutboxRenderer>;
}

export interface DeliveryReport {
  claimed: number;
  sent: number;
  skipped: number;
  retried: number;
  failed: number;
}

/** One message to send and the outbox rows it settles (several when a burst of team cards became one list). */
type Job = { rows: OutboxRow[]; message: OutboxMessage };

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
      byChat.set(message.chatId, [...(byChat.get(message.chatId) ?? []), { rows: [row], message }]);
    } catch (e) {
      await retry(row, outboxBackoffMs(row.attempts), `render: ${String((e as Error)?.message ?? e)}`);
    }
  }

  // A burst of team-chat cards due together leaves as one list card: one group message, not one each.
  for (const [chatId, jobs] of byChat) byChat.set(chatId, await mergeTeamCards(deps, jobs, report, queue));

  await Promise.all(
    [...byChat.values()].map(async (jobs) => {
      // Once one message to a chat has to wait, the ones after it wait as long: order per chat
      // is kept here within a run, and by the claim (earlier rows first) across runs.
      let hold: { ms: number; reason: string } | null = null;
      for (const { rows, message } of jobs) {
        const retryAll = async (ms: number, reason: string) => {
          for (const row of rows) await retry(row, ms, reason);
        };
        if (hold) {
          await retryAll(hold.ms, hold.reason);
          continue;
        }
        const turn = await limiter.take(message.chatId);
        if ('blockedMs' in turn) {
          hold = { ms: turn.blockedMs, reason: 'chat rate-limited (429) shortly before' };
          await retryAll(hold.ms, hold.reason);
          continue;
        }
        // A long line to one chat (a group takes one message per 3 s) can outlast the claim while
        // it waits its turn. Past that point another sender may already own the row: hand the rest
        // of the line back instead of sending what someone else may be sending too.
        const lockedUntil = rows[0]!.lockedUntil;
        if (lockedUntil && deps.now().getTime() > lockedUntil.getTime() - SEND_TIMEOUT_MS) {
          hold = { ms: 0, reason: 'released: the claim ran out while waiting for a rate-limit slot' };
          await retryAll(0, hold.reason);
          continue;
        }
        try {
          const sent = await send(bot.deliveryApi, message);
          report.sent += rows.length;
          if (message.teamCard) await recordTeamChatCard(queue, { chatId: message.chatId, messageId: sent.message_id, ...message.teamCard });
          for (const row of rows) await markOutboxSent(queue, row, { messageId: sent.message_id, chatId: message.chatId });
        } catch (e) {
          const failure = classifySendError(e);
          if (failure.kind === 'permanent') {
            report.failed += rows.length;
            for (const row of rows) await failOutbox(queue, row, failure.message);
            continue;
          }
          const ms = failure.kind === 'rate_limited' ? failure.retryAfterMs : outboxBackoffMs(rows[0]!.attempts);
          hold = { ms, reason: `waiting for an earlier message to this chat (${failure.message})` };
          if (failure.kind === 'rate_limited') await limiter.block(message.chatId, ms);
          await retryAll(ms, failure.message);
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

/**
 * Team-chat cards due in the same run, merged into list cards of up to LIST_CARD_MAX leads, in
 * place of the first card they replace. A single card stays as it is.
 */
async function mergeTeamCards(
  deps: AppDeps,
  jobs: Job[],
  report: DeliveryReport,
  queue: { db: AppDeps['db']; now: AppDeps['now'] },
): Promise<Job[]> {
  const cards = jobs.filter((j) => j.message.teamCard);
  if (cards.length < 2) return jobs;
  const groups: Job[][] = [];
  let group: Job[] = [];
  let count = 0;
  for (const job of cards) {
    const n = job.message.teamCard!.leadIds.length;
    if (group.length > 0 && count + n > LIST_CARD_MAX) {
      groups.push(group);
      group = [];
      count = 0;
    }
    group.push(job);
    count += n;
  }
  groups.push(group);

  const merged: Job[] = [];
  for (const g of groups) {
    if (g.length === 1) {
      merged.push(g[0]!);
      continue;
    }
    const rows = g.flatMap((j) => j.rows);
    const card = { kind: 'list' as const, leadIds: [...new Set(g.flatMap((j) => j.message.teamCard!.leadIds))] };
    const render = await renderTeamCard(deps, card);
    if (render) merged.push({ rows, message: teamCardMessage(g[0]!.message.chatId, render, card) });
    else {
      report.skipped += rows.length;
      for (const row of rows) await markOutboxSent(queue, row, { messageId: null, note: 'nothing to send' });
    }
  }
  // The merged cards take the place of the first card; other messages to the chat keep their order.
  const firstCard = jobs.indexOf(cards[0]!);
  const others = jobs.filter((j) => !j.message.teamCard);
  return [...others.slice(0, firstCard), ...merged, ...others.slice(firstCard)];
}
