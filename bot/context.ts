import type { Context, SessionFlavor } from 'grammy';
import type { Language } from '../db/enums.js';
import type { AppDeps } from '../src/app-deps.js';
import type { CoreContext } from '../src/core/shared/context.js';
import type { MemberRow } from '../src/core/team/member-by-telegram.js';
import type { Messages } from './i18n.js';
import type { BotSession } from './bot-session.js';

/** What the CRM middleware puts on every update: who is writing, in which language and time zone. */
export interface CrmState {
  deps: AppDeps;
  /** The team member behind `ctx.from`, active or not; null for a stranger. */
  member: MemberRow | null;
  lang: Language;
  t: Messages;
  timeZone: string;
  /** The use-case context acting as this member; throws for strangers (the gate keeps them out first). */
  core(): CoreContext;
}

export interface CrmFlavor {
  crm: CrmState;
}

export type BotContext = Context & SessionFlavor<BotSession> & CrmFlavor;
