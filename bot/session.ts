import { session, type StorageAdapter } from 'grammy';
import type { AppDeps } from '../src/app-deps.js';
import { deleteSession, readSession, writeSession } from '../src/core/telegram/session-store.js';
import type { BotSession } from './bot-session.js';
import type { BotContext } from './context.js';

/** grammY storage over the bot_sessions table: no state in memory, so any instance serves the next update. */
export function dbSessionStorage(deps: Pick<AppDeps, 'db' | 'now'>): StorageAdapter<BotSession> {
  const ctx = { db: deps.db, now: deps.now };
  return {
    read: (key) => readSession<BotSession>(ctx, key),
    write: (key, value) => writeSession(ctx, key, value),
    delete: (key) => deleteSession(ctx, key),
  };
}

/** Per person and chat: two managers in the team chat each have their own pending input. */
export function sessionMiddleware(deps: Pick<AppDeps, 'db' | 'now'>) {
  return session<BotSession, BotContext>({
    initial: () => ({}),
    storage: dbSessionStorage(deps),
    getSessionKey: (ctx) => (ctx.chat && ctx.from ? `${ctx.chat.id}:${ctx.from.id}` : undefined),
  });
}
