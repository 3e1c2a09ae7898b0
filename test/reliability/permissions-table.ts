/** One checked cell as the table shows it. */
export interface TableCell {
  row: string;
  col: string;
  expected: boolean;
  ok: boolean;
  /** Shown under the table for every cell that differs. */
  detail: string;
}

/**
 * action × role with ✓ allowed / ✗ refused; a cell whose observation differs from the rule is
 * marked "‼" after the expected sign, and "·" is a cell that does not apply.
 */
export function renderTable(title: string, cols: readonly string[], cells: TableCell[]): string {
  const rows = [...new Set(cells.map((c) => c.row))];
  const width = Math.max(...rows.map((r) => r.length), 6);
  const colWidth = Math.max(...cols.map((c) => c.length)) + 1;
  const head = `${'action'.padEnd(width)} │ ${cols.map((c) => c.padEnd(colWidth)).join('')}`;
  const lines = [title, head, '─'.repeat(head.length)];
  for (const row of rows) {
    const marks = cols.map((col) => {
      const cell = cells.find((c) => c.row === row && c.col === col);
      const mark = !cell ? '·' : `${cell.expected ? '✓' : '✗'}${cell.ok ? '' : '‼'}`;
      return mark.padEnd(colWidth);
    });
    lines.push(`${row.padEnd(width)} │ ${marks.join('')}`);
  }
  const bad = cells.filter((c) => !c.ok);
  lines.push(`${cells.length} cells checked, ${bad.length} differ from the rule${bad.length ? ':' : '.'}`);
  for (const c of bad) lines.push(`  ‼ ${c.row} / ${c.col}: expected ${c.expected ? 'allowed' : 'refused'}, ${c.detail}`);
  return lines.join('\n');
}
