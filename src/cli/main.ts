import { parseEnv } from '../config.js';
import { coreSettings } from '../app-deps.js';
import { systemActor, type CoreContext } from '../core/context.js';
import { createPartner } from '../core/create-partner.js';
import { createInvite } from '../core/create-invite.js';
import { openDatabase } from '../entry/open-database.js';
import { runMigrations } from '../../db/migrate.js';

const USAGE = `Usage: npm run crm -- <command>

  migrate               apply pending database migrations (DATABASE_URL)
  partner add <name>    create a partner API key (printed once)
  owner invite          print a one-time code: send "/start CODE" to the bot to become the owner
`;

type Command = (ctx: CoreContext, args: string[]) => Promise<void>;

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
  async 'owner invite'(ctx) {
    const invite = await createInvite(ctx, 'owner');
    console.log(`Send this to the bot within 72 hours:\n\n  /start ${invite.code}\n`);
    console.log(`(expires ${invite.expiresAt.toISOString()}, works once)`);
  },
};

export async function runCli(argv: string[], env: Record<string, string | undefined> = process.env): Promise<number> {
  const [first, second, ...rest] = argv;
  const twoWord = first && second ? commands[`${first} ${second}`] : undefined;
  const command = twoWord ?? (first ? commands[first] : undefined);
  if (!command) {
    console.error(USAGE);
    return first ? 2 : 0;
  }
  const args = twoWord ? rest : [second, ...rest].filter((a): a is string => a !== undefined);
  const config = parseEnv(env);
  const database = await openDatabase(config, { migrate: true });
  try {
    await command({ db: database.db, actor: systemActor, now: () => new Date(), settings: coreSettings(config) }, args);
    return 0;
  } finally {
    database.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    },
  );
}
