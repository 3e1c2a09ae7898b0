/**
 * Every closed vocabulary of the CRM, defined once. Drizzle columns, zod schemas
 * and the bot's keyboards all read these arrays, so adding a value here is the
 * only change a new status or channel needs (plus its translations).
 */
export const LEAD_STATUSES = [
  'new',
  'assigned',
  'clarifying',
  'unreachable',
  'in_progress',
  'call_back',
  'converted',
  'junk',
] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

/** Final statuses: a lead here needs no next activity and is not matched by dedupe. */
export const FINAL_LEAD_STATUSES = ['converted', 'junk'] as const satisfies readonly LeadStatus[];
export const OPEN_LEAD_STATUSES = LEAD_STATUSES.filter(
  (s): s is Exclude<LeadStatus, (typeof FINAL_LEAD_STATUSES)[number]> =>
    !(FINAL_LEAD_STATUSES as readonly string[]).includes(s),
);

export const DEAL_STAGES = ['in_progress', 'clarifying', 'proposal', 'negotiation', 'closing', 'won', 'lost'] as const;
export type DealStage = (typeof DEAL_STAGES)[number];
export const FINAL_DEAL_STAGES = ['won', 'lost'] as const satisfies readonly DealStage[];
export const OPEN_DEAL_STAGES = DEAL_STAGES.filter(
  (s): s is Exclude<DealStage, (typeof FINAL_DEAL_STAGES)[number]> =>
    !(FINAL_DEAL_STAGES as readonly string[]).includes(s),
);

export const CHANNELS = ['site_form', 'call', 'missed_call', 'partner', 'cold_call', 'manual', 'telegram', 'other'] as const;
export type Channel = (typeof CHANNELS)[number];

export const ROLES = ['owner', 'head', 'manager'] as const;
export type Role = (typeof ROLES)[number];

export const LANGUAGES = ['ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * How the seller charges VAT, printed under a proposal's total: `none` ("НДС не облагается"),
 * `included` (prices include it: "в т.ч. НДС 22%"), `on_top` (added to the prices: "НДС 22%", "Итого с НДС").
 */
export const VAT_MODES = ['none', 'included', 'on_top'] as const;
export type VatMode = (typeof VAT_MODES)[number];

export const ACTIVITY_KINDS = ['call', 'meeting', 'task'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export const CALL_OUTCOMES = ['reached', 'no_answer', 'busy', 'wrong_number'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

export const JUNK_REASONS = ['spam', 'duplicate', 'not_our_client', 'no_budget', 'other'] as const;
export type JunkReason = (typeof JUNK_REASONS)[number];

export const LOST_REASONS = ['price', 'competitor', 'no_answer', 'postponed', 'other'] as const;
export type LostReason = (typeof LOST_REASONS)[number];

/** Who made a change: shown in history as "by Anna", "by Tilda webhook", "by the system". */
export const ACTOR_KINDS = ['member', 'webhook', 'partner', 'system', 'import'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

export const ENTITY_TYPES = ['lead', 'deal', 'contact', 'company', 'member', 'activity', 'product'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

export const INTAKE_SOURCES = ['form', 'tilda', 'zadarma', 'mango', 'partner', 'bitrix', 'csv', 'bot'] as const;
export type IntakeSource = (typeof INTAKE_SOURCES)[number];

/** `spam`: a public form's honeypot field was filled; answered like a success, stored only here. */
export const INTAKE_OUTCOMES = ['created', 'joined', 'replayed', 'logged', 'ignored', 'rejected', 'spam'] as const;
export type IntakeOutcome = (typeof INTAKE_OUTCOMES)[number];

export const OUTBOX_STATUSES = ['pending', 'sent', 'failed'] as const;

/**
 * A background task's life: `held` waits for a person's yes (the same file sent twice), `queued`
 * waits for a runner (or for its lease to lapse when `running`), then `done`, `failed` or `cancelled`.
 */
export const TASK_STATES = ['held', 'queued', 'running', 'done', 'failed', 'cancelled'] as const;
export type TaskState = (typeof TASK_STATES)[number];
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/**
 * Every event a record's timeline can hold. `historyEntry` accepts only these, so a new action
 * fails the compiler until it is listed here, and the bot's dictionaries (typed by this list)
 * fail until it has words in every language: a timeline never shows a raw key.
 */
export const HISTORY_ACTIONS = [
  'created',
  'updated',
  'note',
  'taken',
  'assigned',
  'call_logged',
  'status_changed',
  'junked',
  'repeat_request',
  'returned_to_pool',
  'converted',
  'stage_changed',
  'next_activity_planned',
  'won',
  'lost',
  'lost_note',
  'proposal_sent',
  'item_added',
  'item_changed',
  'item_removed',
  'activity_done',
  'activity_rescheduled',
  'activity_snoozed',
  'joined',
  'rejoined',
  'role_changed',
  'deactivated',
  'language_changed',
  'time_zone_changed',
  'seller_details_changed',
  'team_chat_bound',
  'team_chat_details_changed',
  'archived',
  'restored',
  // A client's Telegram conversation on their lead (src/core/clients).
  'client_message',
  'client_reply',
  'client_started',
  'client_phone',
  'client_linked',
  'client_blocked',
  'merged_into',
  'merged_from',
  'business_connected',
  'business_disconnected',
] as const;
export type HistoryAction = (typeof HISTORY_ACTIONS)[number];

/** A message between a client and the team, as kept on the lead: which way it went, what it carried. */
export const MESSAGE_DIRECTIONS = ['in', 'out'] as const;
export type MessageDirection = (typeof MESSAGE_DIRECTIONS)[number];

export const MESSAGE_KINDS = ['text', 'photo', 'document', 'voice'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];
