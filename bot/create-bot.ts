import { autoRetry } from '@grammyjs/auto-retry';
import { Api, Bot, type ApiClientOptions, type Middleware } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { AppDeps } from '../src/app-deps.js';
import { answerPressOnce } from './answer-press.js';
import type { BotContext } from './context.js';
import { crmMiddleware, teamOnly } from './crm-middleware.js';
import { oncePerUpdate } from './once-per-update.js';
import { contactsFeature } from './features/contacts.js';
import { convertFeature } from './features/convert.js';
import { csvFeature } from './features/csv.js';
import { dealEditFeature } from './features/deal-edit.js';
import { dealItemsFeature } from './features/deal-items.js';
import { dealNotesFeature } from './features/deal-notes.js';
import { dealsFeature } from './features/deals.js';
import { productsFeature } from './features/products.js';
import { proposalFeature } from './features/proposal.js';
import { activityActionsFeature } from './features/activity-actions.js';
import { auditFeature } from './features/audit.js';
import { businessFeature } from './features/business.js';
import { clientRepliesFeature } from './features/client-replies.js';
import { clientsFeature } from './features/clients.js';
import { explainError, fallbackFeature } from './features/errors.js';
import { findFeature } from './features/find.js';
import { groupGuard } from './features/group-guard.js';
import { inviteFeature } from './features/invite.js';
import { junkFeature } from './features/junk.js';
import { langFeature } from './features/lang.js';
import { leadCardFeature } from './features/lead-card.js';
import { leadsListFeature } from './features/leads-list.js';
import { logCallFeature } from './features/log-call.js';
import { newLeadFeature } from './features/new-lead.js';
import { poolFeature } from './features/pool.js';
import { notesHistoryFeature } from './features/notes-history.js';
import { reportFeature } from './features/report.js';
import { settingsFeature } from './features/settings.js';
import { helpFeature, startFeature } from './features/start.js';
import { statusFeature } from './features/status.js';
import { takeFeature } from './features/take.js';
import { timeZoneFeature } from './features/time-zone.js';
import { teamFeature } from './features/team.js';
import { teamChatFeature } from './features/team-chat.js';
import type { SendPacer } from './outbox/rate-limiter.js';
import { SharedPacer } from './outbox/shared-pacer.js';
import { sessionMiddleware } from './session.js';
import { dropTypedInput } from './typed-input.js';

export interface CreateBotOptions extends AppDeps {
  token: string;
  /** A self-hosted Bot API server (TELEGRAM_API_ROOT), or a local fake in tests. */
  apiRoot?: string;
  /** Skips the getMe call at startup (tests, Workers where every request would repeat it). */
  botInfo?: UserFromGetMe;
  fetch?: ApiClientOptions['fetch'];
  /** Default: Telegram's pacing shared through the database with every other instance. */
  limiter?: SendPacer;
  /** Features added after the built-in ones (deals, jobs' buttons), inside the same error boundary. */
  extraFeatures?: Middleware<BotContext>[];
}

/** The CRM bot plus what the outbox sender needs from it. */
export class CrmBot extends Bot<BotContext> {
  constructor(
    token: string,
    config: ConstructorParameters<typeof Bot<BotContext>>[1],
    /** The same client without auto-retry: the outbox reschedules a 429 instead of sleeping in it. */
    readonly deliveryApi: Api,
    readonly limiter: SendPacer,
  ) {
    super(token, config);
  }
}

/**
 * The bot as a factory: no import-time config, so Node, Workers and tests each make their own.
 * An update is taken in once (by update_id); one Composer per feature; business chats and clients
 * handled apart; a member gate before everything but /start; one error boundary
 * that answers every failure in the member's language.
 */
export function createBot(opts: CreateBotOptions): CrmBot {
  const client: ApiClientOptions = {
    ...(opts.apiRoot ? { apiRoot: opts.apiRoot } : {}),
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
  };
  const bot = new CrmBot(
    opts.token,
    { client, ...(opts.botInfo ? { botInfo: opts.botInfo } : {}) },
    new Api(opts.token, client),
    opts.limiter ?? new SharedPacer({ db: opts.db, now: opts.now }),
  );
  // Replies and edits wait out a short 429 instead of failing the member's tap.
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30 }));

  const deps: AppDeps = opts;
  bot.use(oncePerUpdate(deps));
  // Inside the redelivery guard: a press seen before was answered the first time.
  bot.use(answerPressOnce);
  bot.use(crmMiddleware(deps));
  bot.use(sessionMiddleware(deps));
  bot.use(clearPendingOnCommand);

  const guarded = bot.errorBoundary(explainError);
  // Business chats and clients never reach the team's features: the bot only logs and relays there.
  guarded.use(businessFeature);
  guarded.use(clientsFeature);
  guarded.use(startFeature);
  guarded.use(teamChatFeature);
  guarded.use(teamOnly);
  guarded.use(groupGuard);
  guarded.use(
    helpFeature,
    // A reply to a client's relayed message is an answer to the client, not a note on a card.
    clientRepliesFeature,
    // Replies to a card are notes whatever else the bot is waiting for, so these go first; the deal
    // side before the lead side, whose waiting lead note would otherwise take a reply to a deal card.
    dealNotesFeature,
    notesHistoryFeature,
    inviteFeature,
    teamFeature,
    langFeature,
    timeZoneFeature,
    leadsListFeature,
    poolFeature,
    findFeature,
    newLeadFeature,
    leadCardFeature,
    takeFeature,
    logCallFeature,
    statusFeature,
    junkFeature,
    convertFeature,
    dealsFeature,
    dealEditFeature,
    dealItemsFeature,
    productsFeature,
    proposalFeature,
    contactsFeature,
    csvFeature,
    activityActionsFeature,
    auditFeature,
    reportFeature,
    settingsFeature,
    ...(opts.extraFeatures ?? []),
    fallbackFeature,
  );
  bot.catch((err) => {
    deps.log.error(`bot: update ${err.ctx.update.update_id} failed outside the boundary`, err.error);
  });
  return bot;
}

/** A command starts over: every typed input the bot was waiting for (lead and deal side alike) is dropped. */
const clearPendingOnCommand: Middleware<BotContext> = async (ctx, next) => {
  const entity = ctx.message?.entities?.[0];
  if (entity?.type === 'bot_command' && entity.offset === 0) dropTypedInput(ctx.session);
  await next();
};
