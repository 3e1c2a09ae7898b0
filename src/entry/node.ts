import { serve } from '@hono/node-server';
import { createApp } from '../app.js';
import { parseEnv } from '../config.js';
import { createNodeDeps } from './node-deps.js';
import { makeNodeBot, startNodeBot, type NodeBot } from './node-bot.js';
import { loadEnvFile } from './load-env-file.js';
import { openDatabase } from './open-database.js';
import { startSchedules } from './node-schedules.js';

/** `npm start`: the whole CRM in one Node process on an embedded libSQL file (or a remote one). */
async function main() {
  loadEnvFile();
  const config = parseEnv(process.env);
  const database = await openDatabase(config);
  // A fresh intake kicks the outbox sender, so the lead card is in Telegram within a second.
  let nodeBot: NodeBot | undefined;
  const deps = createNodeDeps(config, database, { onOutbox: () => nodeBot?.runner.kick() });
  const bot = makeNodeBot(deps);
  const app = createApp(deps, bot ? { bot } : {});
  if (bot) nodeBot = await startNodeBot(deps, bot, (line) => console.log(line));
  else console.log('TELEGRAM_BOT_TOKEN is not set: the bot is off, notifications wait in the outbox');
  startSchedules(deps);

  const server = serve({ fetch: app.fetch, port: config.PORT }, (info) => {
    console.log(`CRM listening on http://localhost:${info.port} (database ${redact(config.DATABASE_URL)})`);
  });

  const shutdown = (signal: string) => {
    console.log(`${signal}: shutting down`);
    void nodeBot?.stop();
    server.close(() => {
      database.close();
      process.exit(0);
    });
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

function redact(url: string): string {
  return url.replace(/(authToken=)[^&]+/, '$1***');
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
