import { sql, type SQL } from 'drizzle-orm';
import { OPEN_DEAL_STAGES, type DealStage } from '../../../db/enums.js';
import { isLeadership, memberId } from '../shared/access.js';
import { stageCards, type BoardCard } from './board-cards.js';
import type { CoreContext } from '../shared/context.js';
import { CrmError, forbidden } from '../shared/errors.js';

export type { BoardCard } from './board-cards.js';

export interface BoardColumn {
  stage: DealStage;
  /** Over every open deal of the stage in scope, not only the cards shown. */
  count: number;
  amount: number;
  cards: BoardCard[];
}

export interface DealBoard {
  columns: BoardColumn[];
  /** Whose deals: null means the whole team (heads and the owner only). */
  managerId: string | null;
}

type Row = Record<string, unknown>;

/** Cards per column on the first view; the page asks for the next ones with "show more". */
export const BOARD_PAGE = 20;

/**
 * Open deals in columns by stage, the most urgent next step first, with count and sum per stage.
 * Visibility is the bot's: a manager sees their own deals; heads and the owner see everyone's and
 * may narrow to one manager. `perStage` caps the cards of a column (the totals stay exact); `stage`
 * with `offset` reads the next page of one column.
 */
export async function getDealBoard(
  ctx: CoreContext,
  opts: { managerId?: string | null; perStage?: number; stage?: DealStage; offset?: number } = {},
): Promise<DealBoard> {
  const managerId = boardScope(ctx, opts.managerId ?? null);
  if (opts.stage !== undefined && !(OPEN_DEAL_STAGES as readonly string[]).includes(opts.stage))
    throw new CrmError('VALIDATION', `stage must be one of ${OPEN_DEAL_STAGES.join(', ')}`);
  const limit = Math.min(Math.max(Math.trunc(opts.perStage ?? BOARD_PAGE) || BOARD_PAGE, 1), 200);
  const offset = Math.max(Math.trunc(opts.offset ?? 0) || 0, 0);
  const stages = opts.stage ? [opts.stage] : OPEN_DEAL_STAGES;
  const scope: SQL = managerId ? sql`d.assignee_id = ${managerId}` : sql`1 = 1`;
  // Read from the (stage, assignee_id, amount) index alone: no deal row is touched for the totals.
  const totals = await ctx.db.all<Row>(sql`SELECT d.stage AS stage, count(*) AS n, coalesce(sum(d.amount), 0) AS amount
    FROM deals d INDEXED BY deals_stage_assignee_amount WHERE d.stage IN ${stages} AND ${scope} GROUP BY d.stage`);
  const columns = await Promise.all(
    stages.map(async (stage): Promise<BoardColumn> => {
      const total = totals.find((t) => t.stage === stage);
      const count = Number(total?.n ?? 0);
      const cards = count <= offset ? [] : await stageCards(ctx, { stage, scope, count, limit, offset });
      return { stage, count, amount: Number(total?.amount ?? 0), cards };
    }),
  );
  return { columns, managerId };
}

/** Whose deals the actor may see on the board: null is the whole team. */
function boardScope(ctx: CoreContext, asked: string | null): string | null {
  if (isLeadership(ctx.actor) || ctx.actor.kind === 'system') return asked;
  const me = memberId(ctx.actor);
  if (me && (asked == null || asked === me)) return me;
  throw forbidden('A manager sees only their own deals');
}
