import type { Role } from '../../db/enums.js';
import { buildConversionReport } from '../../src/core/reports/build-conversion-report.js';
import type { CoreContext } from '../../src/core/shared/context.js';
import { createInvite } from '../../src/core/team/create-invite.js';
import { deactivateMember } from '../../src/core/team/deactivate-member.js';
import { isCrmError } from '../../src/core/shared/errors.js';
import { findForgotten } from '../../src/core/activities/find-forgotten.js';
import { importLeadsCsv } from '../../src/core/csv/import-leads-csv.js';
import { listTeam } from '../../src/core/team/list-team.js';
import { addProduct } from '../../src/core/products/add-product.js';
import { seedExampleProducts } from '../../src/core/products/seed-example-products.js';
import { updateProduct } from '../../src/core/products/update-product.js';
import { recentPeriod } from '../../src/core/reports/report-period.js';
import { setMemberRole } from '../../src/core/team/set-member-role.js';
import { coreContext, TestClock } from '../helpers/context.js';
import { freshDb } from '../helpers/db.js';
import { addMember } from '../helpers/members.js';
import type { TableCell } from './permissions-table.js';

export const CORE_COLS = ['manager', 'head', 'owner'] as const;
type CoreCol = (typeof CORE_COLS)[number];

interface CoreRow {
  name: string;
  allow: readonly CoreCol[];
  call(ctx: CoreContext, fresh: { memberId: string; productId: string }): Promise<unknown>;
}

const LEADERS: readonly CoreCol[] = ['head', 'owner'];
const OWNER: readonly CoreCol[] = ['owner'];

/**
 * The role rules once more, straight against the use cases with a member actor: the bot's own
 * checks are conveniences, the core's are the rule (a second adapter must not be able to skip them).
 */
const CORE_ROWS: CoreRow[] = [
  { name: 'findForgotten (/audit)', allow: LEADERS, call: (ctx) => findForgotten(ctx) },
  { name: 'buildConversionReport (/report)', allow: LEADERS, call: (ctx) => buildConversionReport(ctx, recentPeriod('week', ctx.now(), 'Europe/Moscow')) },
  { name: 'listTeam (/team)', allow: LEADERS, call: (ctx) => listTeam(ctx) },
  { name: 'importLeadsCsv', allow: LEADERS, call: (ctx) => importLeadsCsv(ctx, { content: 'name,phone\nX,+79161234567\n' }) },
  { name: 'createInvite manager', allow: LEADERS, call: (ctx) => createInvite(ctx, 'manager') },
  { name: 'createInvite head', allow: OWNER, call: (ctx) => createInvite(ctx, 'head') },
  { name: 'createInvite owner', allow: OWNER, call: (ctx) => createInvite(ctx, 'owner') },
  { name: 'createInvite "admin" (forged)', allow: [], call: (ctx) => createInvite(ctx, 'admin' as Role) },
  { name: 'setMemberRole', allow: OWNER, call: (ctx, f) => setMemberRole(ctx, f.memberId, 'head') },
  { name: 'deactivateMember', allow: OWNER, call: (ctx, f) => deactivateMember(ctx, f.memberId) },
  { name: 'addProduct', allow: OWNER, call: (ctx) => addProduct(ctx, { name: 'Core product', price: 100 }) },
  { name: 'updateProduct', allow: OWNER, call: (ctx, f) => updateProduct(ctx, { productId: f.productId, price: 200 }) },
  { name: 'seedExampleProducts', allow: OWNER, call: (ctx) => seedExampleProducts(ctx, 'en') },
];

/** Allowed: the call resolves; refused: it throws FORBIDDEN or VALIDATION (for a forged value). */
export async function runCoreMatrix(): Promise<TableCell[]> {
  const h = await freshDb();
  try {
    const clock = new TestClock();
    const cells: TableCell[] = [];
    for (const col of CORE_COLS) {
      const who = await addMember(h.db, `Core ${col}`, col === 'manager' ? 'manager' : col);
      const ctx = coreContext(h.db, { actor: who.actor, clock });
      for (const row of CORE_ROWS) {
        const memberId = (await addMember(h.db, 'Target', 'manager')).id;
        const productId = (await addProduct(coreContext(h.db, { clock }), { name: `P ${memberId.slice(-6)}`, price: 100 })).id;
        let observed: 'allow' | 'refuse' | string;
        try {
          await row.call(ctx, { memberId, productId });
          observed = 'allow';
        } catch (e) {
          observed = isCrmError(e, 'FORBIDDEN') || isCrmError(e, 'VALIDATION') ? 'refuse' : `threw ${String(e).slice(0, 60)}`;
        }
        const expected = row.allow.includes(col);
        cells.push({ row: row.name, col, expected, ok: observed === (expected ? 'allow' : 'refuse'), detail: `observed ${observed}` });
      }
    }
    return cells;
  } finally {
    h.close();
  }
}
