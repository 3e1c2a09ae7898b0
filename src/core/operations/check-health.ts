import { and, count, eq, lte, min } from 'drizzle-orm';
import { outbox } from '../../../db/schema/index.js';
import type { BotStatus } from '../telegram/bot-status.js';
import { boundTeamChat } from '../team-chat/bind-team-chat.js';
import type { CoreContext } from '../shared/context.js';
import { teamChatState } from '../team-chat/team-chat-state.js';

export interface Health {
  ok: boolean;
  database: { ok: boolean; latencyMs: number; error?: string };
  /**
   * Notifications waiting for Telegram. A growing backlog or an old oldest message means the bot
   * cannot deliver (token revoked, Telegram down): worth an alert, though the CRM itself is up.
   */
  outbox?: OutboxHealth | HeldOutbox;
  /** The Telegram side (absent where the entry does not track it). */
  bot?: BotStatus;
  /**
   * Where new leads are announced: LEADS_CHAT_ID (`env`), the chat the owner bound (`bound`), or
   * none; and the bot's state there as Telegram last reported it (removed, cannot post).
   */
  teamChat?: { chatId: number | null; from: 'env' | 'bound' | 'none'; state: 'ok' | 'removed' | 'cannot_post' | 'unknown'; canRemoveMembers: boolean | null };
}

interface OutboxHealth {
  due: number;
  oldestDueSeconds: number | null;
  failed: number;
}

/**
 * Intake-only mode (bot off): nothing is meant to deliver, so the queue is "held", not "due".
 * Named differently on purpose: an alert on `outbox.due` or `oldestDueSeconds` must not fire
 * for a server that was set up without a bot.
 */
interface HeldOutbox {
  held: number;
  failed: number;
}

export async function checkHealth(
  ctx: Pick<CoreContext, 'db' | 'now'>,
  bot?: BotStatus,
  opts: { teamChatOverride?: number | undefined } = {},
): Promise<Health> {
  const started = performance.now();
  try {
    const now = ctx.now();
    const [due] = await ctx.db
      .select({ n: count(), oldest: min(outbox.nextAttemptAt) })
      .from(outbox)
      .where(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now)));
    const [failed] = await ctx.db.select({ n: count() }).from(outbox).where(eq(outbox.status, 'failed'));
    const latencyMs = Math.round((performance.now() - started) * 100) / 100;
    const oldest = due?.oldest ? Math.max(0, Math.round((now.getTime() - new Date(due.oldest).getTime()) / 1000)) : null;
    const outboxHealth =
      bot?.state === 'off'
        ? { held: due?.n ?? 0, failed: failed?.n ?? 0 }
        : { due: due?.n ?? 0, oldestDueSeconds: oldest, failed: failed?.n ?? 0 };
    const teamChat = await teamChatHealth(ctx, opts.teamChatOverride);
    return { ok: true, database: { ok: true, latencyMs }, outbox: outboxHealth, ...(bot ? { bot } : {}), teamChat };
  } catch (e) {
    return {
      ok: false,
      database: { ok: false, latencyMs: Math.round(performance.now() - started), error: (e as Error).message },
      ...(bot ? { bot } : {}),
    };
  }
}

async function teamChatHealth(ctx: Pick<CoreContext, 'db'>, override: number | undefined): Promise<NonNullable<Health['teamChat']>> {
  const bound = await boundTeamChat(ctx);
  const chatId = override ?? bound?.chatId ?? null;
  const state = await teamChatState(ctx);
  const known = state && state.chatId === chatId ? state : null;
  return {
    chatId,
    from: override !== undefined ? 'env' : bound ? 'bound' : 'none',
    state: known?.status ?? 'unknown',
    canRemoveMembers: known ? known.admin : null,
  };
}
