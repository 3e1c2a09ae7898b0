import { describe, expect, it } from 'vitest';
import { ADMIN_ROWS } from './permissions-admin-rows.js';
import { API_COLS, runApiMatrix } from './permissions-api.js';
import { runBotCell, type BotRow, type CellResult } from './permissions-cell.js';
import { DEAL_ROWS } from './permissions-deal-rows.js';
import { CORE_COLS, runCoreMatrix } from './permissions-core.js';
import { LEAD_ROWS } from './permissions-lead-rows.js';
import { renderTable, type TableCell } from './permissions-table.js';
import { BOT_COLS, permWorld, type BotCol } from './permissions-world.js';

const ROWS: BotRow[] = [...LEAD_ROWS, ...DEAL_ROWS, ...ADMIN_ROWS];
/** Role rows do not depend on whose record it is: one manager cell stands for the three. */
const applies = (row: BotRow, col: BotCol) => row.scope === 'record' || (col !== 'mgrOther' && col !== 'mgrPool');

function toTable(r: CellResult): TableCell {
  const detail = [r.observed === 'allow' ? 'observed allowed' : r.observed === 'refuse' ? 'observed refused' : r.observed, r.leak ? `LEAK: ${r.leak}` : '']
    .filter(Boolean)
    .join('; ');
  return { row: r.row, col: r.col, expected: r.expected, ok: r.ok, detail };
}

/**
 * The permissions matrix, through the real bot over a real libSQL database: every member action
 * × every kind of person, each cell on its own fresh records, judged by what the person was told
 * and what the database holds afterwards (a refusal changes nothing and shows nothing).
 */
describe('permissions matrix', () => {
  it('bot: every action × role matches the rule', async () => {
    const results: CellResult[] = [];
    for (const col of BOT_COLS) {
      const pw = await permWorld(col);
      try {
        for (const row of ROWS) if (applies(row, col)) results.push(await runBotCell(pw, row));
      } finally {
        pw.w.close();
      }
    }
    console.log(renderTable('\nPermissions: bot actions (✓ allowed, ✗ refused, ‼ observed otherwise)', BOT_COLS, results.map(toTable)));
    expect(results.filter((r) => !r.ok).map((r) => `${r.row} / ${r.col}: ${toTable(r).detail}`)).toEqual([]);
    // 300 cells, each on fresh records through the real bot: ~20 s alone, twice that on a busy 2-core machine.
  }, 120_000);

  it('API: every route × key matches the rule', async () => {
    const cells = await runApiMatrix();
    console.log(renderTable('\nPermissions: HTTP routes (partner keys and intake secrets)', API_COLS, cells));
    expect(cells.filter((c) => !c.ok).map((c) => `${c.row} / ${c.col}: ${c.detail}`)).toEqual([]);
  });

  it('core: the role rules hold in the use cases themselves', async () => {
    const cells = await runCoreMatrix();
    console.log(renderTable('\nPermissions: use cases called with a member actor', CORE_COLS, cells));
    expect(cells.filter((c) => !c.ok).map((c) => `${c.row} / ${c.col}: ${c.detail}`)).toEqual([]);
  });
});
