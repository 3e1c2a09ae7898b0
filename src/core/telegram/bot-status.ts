/**
 * Where the Telegram side of the CRM stands, as /health shows it. Intake never waits for it:
 * leads are stored and their notifications queued in the outbox whatever the state.
 * - `off`: no TELEGRAM_BOT_TOKEN (intake-only mode); notifications are held in the outbox.
 * - `starting`: the first contact with the Bot API has not finished yet.
 * - `ok`: the bot is known to Telegram and receiving updates (or ready for its webhook).
 * - `unreachable`: the Bot API did not answer (network, DNS, Telegram down); retried with backoff.
 * - `unauthorized`: Telegram refused the token; only a new TELEGRAM_BOT_TOKEN fixes it.
 * - `conflict`: another process long-polls the same bot (409); retried until it stops.
 */
export const BOT_STATES = ['ok', 'starting', 'unreachable', 'unauthorized', 'conflict', 'off'] as const;
export type BotState = (typeof BOT_STATES)[number];

export interface BotStatus {
  state: BotState;
  /** When the bot entered this state (ISO time). */
  since: string;
  /** What went wrong and what to do, for the states that need it. */
  error?: string;
}

export interface BotStatusBoard {
  get(): BotStatus;
  /** Records a state; `since` moves only when the state itself changes. */
  set(state: BotState, error?: string): void;
}

export function botStatusBoard(initial: BotState, now: () => Date = () => new Date()): BotStatusBoard {
  let status: BotStatus = { state: initial, since: now().toISOString() };
  return {
    get: () => status,
    set(state, error) {
      const since = state === status.state ? status.since : now().toISOString();
      status = { state, since, ...(error ? { error } : {}) };
    },
  };
}
