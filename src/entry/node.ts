import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { describeIntakeRoutes } from '../../webhooks/intake-routes.js';
import { createApp } from '../app.js';
import { ConfigError, parseEnv } from '../config.js';
import { botStatusBoard } from '../core/telegram/bot-status.js';
import { createLogger } from '../core/shared/logger.js';
import { createNodeDeps } from './node-deps.js';
import { makeNodeBot, superviseNodeBot, type NodeBot } from './node-bot.js';
import { loadEnvFile } from './load-env-file.js';
import { openDatabase } from './open-database.js';
import { startSchedules } from './node-schedules.js';

/**
 * `npm start`: the whole CRM in one Node process on an embedded libSQL file (or a remote one).
 * The HTTP server listens first and intake works from then on; the bot comes up in the
 * background and may take as long as Telegram needs (leads meanwhile wait in the outbox).
 */
async function main() {
  loadEnvFile();
  const config = parseEnv(process.env);
  const log = createLogger(config.LOG_LEVEL);
  const database = await openDatabase(config);
  const status = botStatusBoard(config.TELEGRAM_BOT_TOKEN ? 'starting' : 'off');
  if (!config.TELEGRAM_BOT_TOKEN) status.set('off', 'TELEGRAM_BOT_TOKEN is not set: intake only, notifications are held in the outbox');
  // A fresh intake kicks the outbox sender, so the lead card is in Telegram within a second.
  let nodeBot: NodeBot | undefined;
  const deps = createNodeDeps(config, database, { onOutbox: () => nodeBot?.kick(), log, botStatus: status.get });
  const bot = makeNodeBot(deps);
  const app = createApp(deps, bot ? { bot } : {});

  const server = await listen(app.fetch, config.PORT, log);
  log.info(`CRM listening on http://localhost:${config.PORT} (database ${redact(config.DATABASE_URL)}); intake routes:`);
  for (const line of describeIntakeRoutes(config)) log.info(line);

  if (bot) nodeBot = superviseNodeBot(deps, bot, { status });
  else log.info('TELEGRAM_BOT_TOKEN is not set: the bot is off, notifications wait in the outbox');
  const stopSchedules = startSchedules(deps, { log: (line) => log.info(line) });

  const shutdown = (signal: string) => {
    log.info(`${signal}: shutting down`);
    void nodeBot?.stop();
    void stopSchedules();
    server.close(() => {
      database.close();
      process.exit(0);
    });
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

/** Listens on PORT; a busy port is one line naming the variable, not a stack trace. */
function listen(fetch: Parameters<typeof serve>[0]['fetch'], port: number, log: ReturnType<typeof createLogger>): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port }) as Server;
    server.once('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EADDRINUSE') reject(new StartError(`PORT ${port} is already in use by another process: stop it or set PORT to a free port`));
      else if (e.code === 'EACCES') reject(new StartError(`PORT ${port} needs privileges this process lacks: set PORT to 1024 or above`));
      else reject(e);
    });
    server.once('listening', () => {
      // A visitor who closes the tab mid-upload is not our error: a debug line, no stack.
      server.on('clientError', (e: NodeJS.ErrnoException, socket) => {
        log.debug(`client connection error (${e.code ?? e.message})`);
        socket.destroy();
      });
      resolve(server);
    });
  });
}

class StartError extends Error {}

function redact(url: string): string {
  return url.replace(/(authToken=)[^&]+/, '$1***');
}

main().catch((e) => {
  // Configuration and start-up problems are one readable line; anything else keeps its stack.
  if (e instanceof ConfigError || e instanceof StartError) console.error(e.message);
  else console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
