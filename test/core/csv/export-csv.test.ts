import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { leads } from '../../../db/schema/index.js';
import { csvCell, toCsv } from '../../../src/core/csv/csv.js';
import { exportDeals, exportLeads } from '../../../src/core/csv/export-csv.js';
import { useFreshDb } from '../../helpers/db.js';
import { dealFor, intakeLead, memberActor } from '../../helpers/deal-fixtures.js';

describe('CSV export', () => {
  const h = useFreshDb({ now: '2026-11-27T10:00:00Z' });

  it('escapes cells a spreadsheet would run as formulas, E.164 phones included', () => {
    expect(csvCell('=HYPERLINK("http://x","y")', ',')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell('+79991234567', ',')).toBe("'+79991234567");
    expect(csvCell('-2+3', ';')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)', ';')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd', ',')).toBe(`"'\tcmd"`);
    expect(csvCell('a;b', ';')).toBe('"a;b"');
    // Quoted for every separator a spreadsheet might guess, not only this file's: "x;=1+2;y" split on ";" would run a formula.
    expect(csvCell('x;=1+2;y', ',')).toBe('"x;=1+2;y"');
    expect(csvCell('a,b', ';')).toBe('"a,b"');
    expect(csvCell('a\tb', ',')).toBe('"a\tb"');
    expect(csvCell('say "hi"', ';')).toBe('"say ""hi"""');
    expect(csvCell('line\nbreak', '\t')).toBe('"line\nbreak"');
    expect(csvCell('Иван', ',')).toBe('Иван');
    expect(toCsv([['a', 1], [null, new Date('2026-01-01T00:00:00Z')]])).toBe('\uFEFFa,1\r\n,2026-01-01T00:00:00.000Z\r\n');
  });

  it('exports what the actor may see, with formula-like values escaped', async () => {
    const anna = await memberActor(h.db, 'manager', 'Anna');
    const boris = await memberActor(h.db, 'manager', 'Boris');
    const owner = await memberActor(h.db, 'owner');
    const annaCtx = h.ctx(anna);
    const mine = await intakeLead(annaCtx, { name: '=cmd|"/c calc"!A1', phone: '+79991112233', companyName: '@evil' });
    await h.db.update(leads).set({ assigneeId: anna.id, status: 'assigned' }).where(eq(leads.id, mine));
    const theirs = await intakeLead(annaCtx, { name: 'Чужой', phone: '+79994445566' });
    await h.db.update(leads).set({ assigneeId: boris.id, status: 'assigned' }).where(eq(leads.id, theirs));
    await intakeLead(annaCtx, { name: 'Пул', phone: '+79997778899' });

    const annaExport = await exportLeads(annaCtx, { delimiter: ';' });
    expect(annaExport.rows).toBe(2);
    expect(annaExport.fileName).toBe('leads-2026-11-27.csv');
    expect(annaExport.csv).toContain(`"'=cmd|""/c calc""!A1";'+79991112233;;'@evil`);
    expect(annaExport.csv).not.toContain('Чужой');
    expect((await exportLeads(h.ctx(owner))).rows).toBe(3);

    await dealFor(h.db, boris, h.clock, { name: 'Дмитрий', phone: '+79990001111', companyName: '-Минус' });
    const deals = await exportDeals(h.ctx(owner));
    const [header, row] = deals.csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(header?.startsWith('number,created_at,stage,title,amount')).toBe(true);
    expect(row).toContain(",'+79990001111,");
    expect(row).toContain("'-Минус");
    expect((await exportDeals(annaCtx)).rows).toBe(0);
  });
});
