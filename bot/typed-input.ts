import type { BotSession } from './bot-session.js';
// Each side declares its own field on BotSession; importing them here makes the check below see every one.
import type {} from './activity-input.js';
import type {} from './deal-input.js';
import type {} from './settings-input.js';

/**
 * Every session field that holds typed input the bot is waiting for. The session holds nothing
 * else today; a new field must be added here (or to KEPT_FIELDS), or the compiler complains below,
 * so a command can never leave a stale prompt behind.
 */
export const TYPED_INPUT_FIELDS = ['pending', 'dealInput', 'settingsInput', 'activityInput'] as const satisfies readonly (keyof BotSession)[];
const KEPT_FIELDS = [] as const satisfies readonly (keyof BotSession)[];

type Unclassified = Exclude<keyof BotSession, (typeof TYPED_INPUT_FIELDS)[number] | (typeof KEPT_FIELDS)[number]>;
void KEPT_FIELDS;
const everyFieldClassified: [Unclassified] extends [never] ? true : Unclassified = true;
void everyFieldClassified;

/** Forgets whatever typed input the bot was waiting for in this chat. */
export function dropTypedInput(session: BotSession): void {
  for (const field of TYPED_INPUT_FIELDS) delete session[field];
}

/**
 * Waits for one typed input and drops the others: a prompt set by a button replaces any earlier one,
 * so the next text goes to the prompt the member just saw (not to a note offered a minute ago).
 */
export function awaitTypedInput(session: BotSession, input: Partial<Pick<BotSession, (typeof TYPED_INPUT_FIELDS)[number]>>): void {
  dropTypedInput(session);
  Object.assign(session, input);
}
