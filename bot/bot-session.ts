/** Typed input the bot is waiting for in a chat; set by a button, consumed by the next text message. */
export type Pending =
  | { kind: 'call_next'; leadId: string; outcome: string }
  | { kind: 'status_next'; leadId: string; status: string }
  /** `since`: an offered note goes stale, so tomorrow's unrelated text is not filed under this lead. */
  | { kind: 'note'; leadId: string; since: number }
  | { kind: 'new_lead'; step: 'name' | 'phone' | 'channel'; name?: string; phone?: string };

/**
 * What the bot keeps per person and chat between updates. A module of its own so that the context
 * type (context.ts) and the storage (session.ts) both import it and neither imports the other;
 * each side adds its own field with `declare module './bot-session.js'` (deal-input.ts and others).
 */
export interface BotSession {
  pending?: Pending;
}
