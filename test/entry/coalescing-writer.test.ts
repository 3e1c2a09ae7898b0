import { describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { history, leads } from '../../db/schema/index.js';
import { createLeadFromIntake } from '../../src/core/intake/create-lead-from-intake.js';
import { coalescingWriter } from '../../src/entry/coalescing-writer.js';
import { useFreshDb } from '../helpers/db.js';

describe('coalescingWriter (group commit for intake)', () => {
  const h = useFreshDb();
  const ctx = () => ({ ...h.ctx({ kind: 'webhook', id: 'form', label: 'form' }), writer: coalescingWriter(h.db) });

  it('gives each of many concurrent requests its own lead and number', async () => {
    const c = ctx();
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        createLeadFromIntake(c, { channel: 'site_form', intakeSource: 'form', phone: `+7999${String(i).padStart(7, '0')}` }),
      ),
    );
    expect(results.every((r) => r.outcome === 'created')).toBe(true);
    expect(new Set(results.map((r) => r.lead.number)).size).toBe(40);
    expect((await h.db.select({ n: count() }).from(leads))[0]?.n).toBe(40);
  });

  it('keeps dedupe exact when the same person arrives twice in one group', async () => {
    const c = ctx();
    const phones = ['8 (999) 123-45-67', '+7 999 1234567', '79991234567', '+7 916 000-00-01'];
    const results = await Promise.all(phones.map((phone) => createLeadFromIntake(c, { channel: 'site_form', intakeSource: 'form', phone })));
    expect(results.filter((r) => r.outcome === 'created')).toHaveLength(2);
    expect(results.filter((r) => r.outcome === 'joined')).toHaveLength(2);
    const rows = await h.db.select().from(leads);
    expect(rows.map((r) => r.phone).sort()).toEqual(['+79160000001', '+79991234567']);
    expect(rows.find((r) => r.phone === '+79991234567')?.repeatCount).toBe(2);
    // Every request left exactly one history line: two "created", two "repeat_request".
    expect((await h.db.select({ n: count() }).from(history))[0]?.n).toBe(4);
  });
});
