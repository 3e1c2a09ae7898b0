import type { Db } from '../../../db/client.js';
import type { ActorKind, Language, Role } from '../../../db/enums.js';
import type { BatchWriter } from './batch-writer.js';

/** Who is acting. History shows `label`; permissions read `role`. */
export type Actor =
  | { kind: 'member'; id: string; label: string; role: Role; language?: Language }
  | { kind: 'webhook'; id: string; label: string }
  | { kind: 'partner'; id: string; label: string }
  | { kind: 'system'; id: null; label: string }
  | { kind: 'import'; id: string | null; label: string };

export interface CoreSettings {
  defaultCountry: string;
  defaultTimeZone: string;
  firstContactMinutes: number;
  proposalFollowUpDays: number;
  /** DEFAULT_LANGUAGE: what a new deal's proposal is printed in until someone changes it on the card. */
  defaultLanguage: Language;
}

/** What every use case receives. The clock is injected so tests and jobs are deterministic. */
export interface CoreContext {
  db: Db;
  actor: Actor;
  now: () => Date;
  settings: CoreSettings;
  /** Called after a write that queued outbox messages, so a sender can deliver them at once. */
  onOutbox?: () => void;
  /** Hot-path writes (intake) go through this when set: the Node entry groups them into shared commits. */
  writer?: BatchWriter;
}

export const systemActor: Actor = { kind: 'system', id: null, label: 'system' };

export function withActor(ctx: CoreContext, actor: Actor): CoreContext {
  return { ...ctx, actor };
}

export function actorColumns(actor: Actor): { actorKind: ActorKind; actorId: string | null; actorLabel: string } {
  return { actorKind: actor.kind, actorId: actor.id, actorLabel: actor.label };
}
