import { parseEnv } from '../config.js';
import { coreSettings } from '../app-deps.js';
import { systemActor, type CoreContext } from '../core/shared/context.js';
import { createPartner } from '../core/partners/create-partner.js';
import { listPartners, revokePartner } from '../core/partners/manage-partners.js';
import { backupDatabase } from './backup.js';
import { createInvite, INVITE_TTL_MS, newInviteCode } from '../core/team/create-invite.js';
import { loadEnvFile } from '../entry/load-env-file.js';
import { embeddedPath, openDatabase } from '../entry/open-database.js';
import { existsSync } from 'node:fs';
import { migrationState, runMigrations } from '../../db/migrate.js';
import type { Db } from '../../db/client.js';
import { deleteTelegramWebhook, setWebhookAndMenus, telegramStatus } from './telegram-webhook.js';
import { reportCommand, RUNNABLE_JOBS, runJobCommand } from './operator-commands.js';
import { importCsvCommand } from './import-csv.js';
import type { Config } from '../config.js';

const USAGE = `Usage: npm run crm -- <command>

  migrate               apply pending database migrations (DATABASE_URL)
  partner add <name>    create a partner API key (printed once)
  partner list          partners with their key prefixes and whether the key works
  partner revoke <id|key prefix>
                        turn a partner's key off (its leads stay)
  backup <file>         a consistent copy of the embedded database (safe while the server runs)
  owner invite [--sql [--local]]
                        print a one-time code: send "/start CODE" to the bot to become the owner
                        (--sql: print the SQL instead of writing it, for D1: wrangler d1 execute
                        --remote; with --local, for the database of a local wrangler dev)
  telegram set-webhook <https-url> [--drop-pending]
                        point Telegram at <url>/telegram with TELEGRAM_WEBHOOK_SECRET, and set
                        the command menus (public; each member's by role when DATABASE_URL is readable)
  telegram delete-webhook [--drop-pending]
                        back to long polling
  telegram status       the webhook, updates waiting at Telegram, its last error, and the
                        bot state the running server reports on /health
  jobs run <${Object.keys(RUNNABLE_JOBS).join('|')}> [--dry-run]
                        run a scheduled job now (what was already delivered is not sent again);
                        --dry-run: who would receive what (housekeeping: rows it would remove),
                        nothing changed
  import <file.csv> [--again]
                        import a cold-call base (same rules as a file sent to the bot): a progress
                        bar, the summary, rejected rows written to <file>.rejected.csv; Ctrl-C and
                        the same command again resumes; the same file twice needs --again
  report week|month [--png <file>]
                        the owner's report for the last 7 or 30 days; --png writes its chart
  help                  this text
`;

/** A command's exit code when it is not 0. */
type Command = (ctx: CoreContext, args: string[], config: Config) => Promise<void | number>;

const commands: Record<string, Command> = {
  async migrate(ctx) {
    await runMigrations(ctx.db);
    console.log('Migrations applied.');
  },
  async 'partner add'(ctx, args) {
    const partner = await createPartner(ctx, args.join(' '));
    console.log(`Partner "${partner.name}" created (id ${partner.id}).`);
    console.log(`API key (shown once, store it now): ${partner.key}`);
    console.log(`Use it as: Authorization: Bearer ${partner.key}`);
  },
  async 'partner list'(ctx) {
    const rows = await listPartners(ctx);
    if (rows.length === 0) return console.log('No partners yet: npm run crm -- partner add <name>');
    console.log('ID                                    KEY        STATUS   CREATED     NAME');
    for (const p of rows) {
      console.log(`${p.id}  ${p.keyPrefix}…  ${p.active ? 'active ' : 'revoked'}  ${p.createdAt.toISOString().slice(0, 10)}  ${p.name}`);
    }
  },
  async 'partner revoke'(ctx, args) {
    const partner = await revokePartner(ctx, args.join(' '));
    if (partner.alreadyRevoked) return console.log(`Key ${partner.keyPrefix}… of "${partner.name}" was already revoked: nothing changed.`);
    console.log(`Key ${partner.keyPrefix}… of "${partner.name}" revoked: it now gets 401.`);
  },
  async backup(ctx, args, config) {
    const target = await backupDatabase(ctx.db, config, args[0]);
    console.log(`Backup written to ${target}`);
  },
  async 'owner invite'(ctx, args) {
    if (args.includes('--sql')) return printOwnerInviteSql(args.includes('--local') ? '--local' : '--remote');
    if (args.includes('--local')) throw new Error('--local goes with --sql: npm run crm -- owner invite --sql --local');
    const invite = await createInvite(ctx, 'owner');
    console.log(`Send this to the bot within 72 hours:\n\n  /start ${invite.code}\n`);
    console.log(`(expires ${invite.expiresAt.toISOString()}, works once)`);
  },
  async 'telegram set-webhook'(_ctx, args, config) {
    const url = args.find((a) => !a.startsWith('--')) ?? config.PUBLIC_URL;
    if (!url) throw new Error('Give the public https URL of the CRM (or set PUBLIC_URL)');
    const database = await openExistingDatabase(config);
    try {
      const set = await setWebhookAndMenus(config, { url, dropPending: args.includes('--drop-pending') }, database ? { db: database.db } : {});
      console.log(`Webhook set: ${set.url} (secret token from TELEGRAM_WEBHOOK_SECRET)`);
      console.log(
        set.memberMenus === null
          ? 'Command menus: the public one; members get theirs when the server starts or the Worker takes its first update'
          : `Command menus: the public one and ${set.memberMenus} members' by role${set.failed.length ? ` (refused for chats ${set.failed.join(', ')})` : ''}`,
      );
    } finally {
      database?.close();
    }
  },
  async 'telegram status'(_ctx, _args, config) {
    const s = await telegramStatus(config);
    console.log(`Bot:             ${s.bot}`);
    console.log(`Webhook:         ${s.webhook}`);
    console.log(`Pending updates: ${s.pendingUpdates}`);
    console.log(`Last error:      ${s.lastError ?? 'none'}`);
    console.log(`Server /health:  ${s.server ?? 'not asked'}`);
  },
  'jobs run': runJobCommand,
  import: (ctx, args) => importCsvCommand(ctx, args),
  report: reportCommand,
  async 'telegram delete-webhook'(_ctx, args, config) {
    await deleteTelegramWebhook(config, args.includes('--drop-pending'));
    console.log('Webhook deleted: run the Node server without TELEGRAM_WEBHOOK_SECRET to long-poll.');
  },
};

/**
 * The team's database for a Telegram command, only if there is one with tables: an embedded file
 * that exists or a remote URL. Nothing is created (a Workers deployment keeps its team in D1).
 */
async function openExistingDatabase(config: Config) {
  const path = embeddedPath(config.DATABASE_URL);
  if (config.DATABASE_URL.includes(':memory:') || (path !== null && !existsSync(path))) return null;
  const database = await openDatabase(config, { migrate: false });
  if ((await migrationState(database.db)).applied > 0) return database;
  database.close();
  return null;
}

/**
 * For a D1 database the CLI cannot reach: the same invite row, as SQL for `wrangler d1 execute`,
 * against the deployed database (--remote, the default) or a local `wrangler dev`'s (--local).
 */
async function printOwnerInviteSql(where: '--remote' | '--local'): Promise<void> {
  const { code, codeHash } = await newInviteCode();
  const now = Date.now();
  const statement =
    'INSERT INTO invites (code_hash, role, created_by, created_at, expires_at) ' +
    `VALUES ('${codeHash}', 'owner', NULL, ${now}, ${now + INVITE_TTL_MS});`;
  console.log(`npx wrangler d1 execute crm ${where} --command "${statement}"\n`);
  console.log(`Then send this to the bot within 72 hours:\n\n  /start ${code}\n`);
}

/** A database no migration has touched yet (a fresh file) gets a clear next step instead of "no such table". */
async function requireSchema(db: Db): Promise<void> {
  if ((await migrationState(db)).applied === 0) {
    throw new Error('The database has no tables yet: run `npm run crm -- migrate` (or start the server once) first');
  }
}

export async function runCli(argv: string[], env: Record<string, string | undefined> = process.env): Promise<number> {
  const [first, second, ...rest] = argv;
  const twoWord = first && second ? commands[`${first} ${second}`] : undefined;
  const command = twoWord ?? (first ? commands[first] : undefined);
  if (first === 'help' || first === '--help' || first === '-h') {
    console.log(USAGE);
    return 0;
  }
  if (!command) {
    console.error(USAGE);
    return first ? 2 : 0;
  }
  const args = twoWord ? rest : [second, ...rest].filter((a): a is string => a !== undefined);
  const config = parseEnv(env);
  // Telegram commands talk to the Bot API only, and --sql prints for another database:
  // no local database file is created for them.
  if (first === 'telegram' || (first === 'owner' && (args.includes('--sql') || args.includes('--local')))) {
    await command(undefined as never, args, config);
    return 0;
  }
  // Only `migrate` changes the schema: a backup copies the database exactly as it is, and
  // `partner add` against Turso must not upgrade the remote database behind the operator's back.
  const database = await openDatabase(config, { migrate: false });
  try {
    if (first !== 'migrate' && first !== 'backup') await requireSchema(database.db);
    const code = await command({ db: database.db, actor: systemActor, now: () => new Date(), settings: coreSettings(config) }, args, config);
    return code ?? 0;
  } finally {
    database.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  loadEnvFile();
  runCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    },
  );
}
