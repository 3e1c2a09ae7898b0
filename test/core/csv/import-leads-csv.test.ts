import { describe, expect, it } from 'vitest';
import { history, leads, outbox } from '../../../db/schema/index.js';
import { decodeCsv, detectDelimiter, parseCsv } from '../../../src/core/csv/csv.js';
import { isCrmError } from '../../../src/core/shared/errors.js';
import { importLeadsCsv } from '../../../src/core/csv/import-leads-csv.js';
import { useFreshDb } from '../../helpers/db.js';
import { intakeLead, memberActor } from '../../helpers/deal-fixtures.js';

/** Rows built so the expected counts are known: every 10th phone is bad, every 7th repeats the row before. */
function coldBase(rows: number) {
  const lines = ['\uFEFFИмя;Телефон;Компания;Комментарий'];
  const seen = new Set<string>();
  let joined = 0;
  let rejected = 0;
  for (let i = 1; i <= rows; i++) {
    if (i % 10 === 0) {
      lines.push(`Bad ${i};12-34;Фирма ${i};no phone`);
      rejected++;
      continue;
    }
    const n = i % 7 === 0 && (i - 1) % 10 !== 0 ? i - 1 : i;
    const phone = n % 2 ? `+7 916 ${String(n).padStart(7, '0')}` : `8 (916) ${String(n).padStart(7, '0')}`;
    if (seen.has(String(n))) joined++;
    seen.add(String(n));
    lines.push(`"Клиент ${i}";${phone};"ООО ""Ромашка ${i}""";"звонок; перезвонить"`);
  }
  return { csv: lines.join('\r\n'), created: seen.size, joined, rejected };
}

describe('importLeadsCsv', () => {
  const h = useFreshDb({ now: '2026-11-27T10:00:00Z' });

  it('imports 1,000 rows with bad phones and duplicates: right counts, a rejected-rows file, no notification per row', async () => {
    const head = await memberActor(h.db, 'head', 'Helen');
    const ctx = h.ctx(head);
    await intakeLead(ctx, { phone: '+7 916 0000001' }); // an open lead the first row joins
    const base = coldBase(1000);
    expect(base).toMatchObject({ rejected: 100, joined: 114 });
    const result = await importLeadsCsv(ctx, { content: new TextEncoder().encode(base.csv), fileName: 'base.csv' });

    expect(result).toMatchObject({ created: base.created - 1, joined: base.joined + 1, rejected: base.rejected });
    expect(result.created + result.joined + result.rejected).toBe(1000);
    // Only the lead that came in before the import announced itself: a cold base does not flood the team chat.
    expect((await h.db.select().from(outbox)).map((m) => m.kind)).toEqual(['lead_created']);
    expect(await h.db.select().from(leads)).toHaveLength(base.created);
    const lead = (await h.db.select().from(leads)).find((l) => l.name === 'Клиент 2');
    expect(lead).toMatchObject({ phone: '+79160000002', companyName: 'ООО "Ромашка 2"', comment: 'звонок; перезвонить', channel: 'cold_call', source: 'csv:base.csv' });
    const [imported] = (await h.db.select().from(history)).filter((l) => l.entityId === lead!.id);
    expect(imported).toMatchObject({ actorKind: 'import', actorId: head.id, actorLabel: 'CSV import base.csv by Helen' });

    expect(result.rejections[0]).toMatchObject({ line: 11, reason: expect.stringContaining('"12-34" is not a phone number') });
    const rejected = parseCsv(decodeCsv(result.rejectedCsv!), detectDelimiter(decodeCsv(result.rejectedCsv!)));
    expect(rejected[0]).toEqual(['Имя', 'Телефон', 'Компания', 'Комментарий', 'reason']);
    expect(rejected).toHaveLength(base.rejected + 1);
    expect(rejected[1]?.slice(0, 3)).toEqual(['Bad 10', '12-34', 'Фирма 10']);
  });

  it('reads comma files with English headers and Windows-1251 bytes', async () => {
    const owner = await memberActor(h.db, 'owner');
    const ctx = h.ctx(owner);
    const utf = await importLeadsCsv(ctx, { content: 'name,phone,company\nAnn,+44 20 7946 0958,"Acme, Ltd"\n' });
    expect(utf).toMatchObject({ created: 1, rejected: 0, rejectedCsv: null });
    // "Имя;Телефон\nПётр;89990001122" in Windows-1251.
    const cp1251 = new Uint8Array([0xc8, 0xec, 0xff, 0x3b, 0xd2, 0xe5, 0xeb, 0xe5, 0xf4, 0xee, 0xed, 0x0a, 0xcf, 0xb8, 0xf2, 0xf0, 0x3b, ...new TextEncoder().encode('89990001122')]);
    expect(await importLeadsCsv(ctx, { content: cp1251 })).toMatchObject({ created: 1 });
    const names = (await h.db.select().from(leads)).map((l) => l.name).sort();
    expect(names).toEqual(['Ann', 'Пётр']);
  });

  it('is for the owner and heads only, and needs a phone column', async () => {
    const manager = await memberActor(h.db, 'manager');
    await expect(importLeadsCsv(h.ctx(manager), { content: 'phone\n+79990001122' })).rejects.toSatisfy((e) =>
      isCrmError(e, 'FORBIDDEN'),
    );
    const owner = await memberActor(h.db, 'owner');
    await expect(importLeadsCsv(h.ctx(owner), { content: 'a;b\n1;2' })).rejects.toSatisfy((e) =>
      isCrmError(e, 'VALIDATION'),
    );
  });
});
