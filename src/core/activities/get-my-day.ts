import { and, eq, gte, lt } from 'drizzle-orm';
import { activities } from '../../../db/schema/index.js';
import { agendaItems, type AgendaItem } from './agenda.js';
import type { CoreContext } from '../shared/context.js';
import { requireMember } from '../leads/lead-access.js';
import { addLocalDays, localParts, safeTimeZone, zonedTime } from '../shared/local-time.js';

export interface MyDay {
  overdue: AgendaItem[];
  today: AgendaItem[];
  tomorrow: AgendaItem[];
}

/**
 * The member's open activities: overdue first, then the rest of today and tomorrow, each soonest
 * first. Days are the member's calendar days in their time zone. Each list is capped at `limit`.
 */
export async function getMyDay(ctx: CoreContext, opts: { timeZone: string; limit?: number }): Promise<MyDay> {
  const me = requireMember(ctx);
  const limit = Math.min(Math.max(opts.limit ?? 100, 1), 300);
  const zone = safeTimeZone(opts.timeZone, ctx.settings.defaultTimeZone);
  const now = ctx.now();
  const today = localParts(now, zone);
  const tomorrowStart = zonedTime(addLocalDays(today, 1), 0, 0, zone);
  const dayAfterStart = zonedTime(addLocalDays(today, 2), 0, 0, zone);
  const mine = eq(activities.assigneeId, me.id);
  const [overdue, rest, tomorrow] = await Promise.all([
    agendaItems(ctx, and(mine, lt(activities.dueAt, now)), limit),
    agendaItems(ctx, and(mine, gte(activities.dueAt, now), lt(activities.dueAt, tomorrowStart)), limit),
    agendaItems(ctx, and(mine, gte(activities.dueAt, tomorrowStart), lt(activities.dueAt, dayAfterStart)), limit),
  ]);
  return { overdue, today: rest, tomorrow };
}
