import { describe, expect, it } from 'vitest';
import { sendMorningLists } from '../../src/jobs/morning-list.js';
import { freshDb, useFreshDb } from '../helpers/db.js';
import { outboxRows, testJobContext } from '../helpers/jobs.js';
import { addActivity, addDeal, addLead, addMember } from '../helpers/seed.js';

// Friday 27 November 2026: 09:00 in Vladivostok (UTC+10) is 23:00Z the day before; in Moscow (UTC+3), 06:00Z.
const VLAD_NINE = new Date('2026-11-26T23:00:00Z');
const MSK_NINE = new Date('2026-11-27T06:00:00Z');

describe('morning list', () => {
  const h = useFreshDb();

  async function twoManagers() {
    const moscow = await addMember(h.db, { name: 'Anna', timeZone: 'Europe/Moscow' });
    const vlad = await addMember(h.db, { name: 'Boris', timeZone: 'Asia/Vladivostok' });
    const lead = await addLead(h.db, { number: 101, name: 'ООО Ромашка', assigneeId: moscow });
    const deal = await addDeal(h.db, { title: 'Поставка', assigneeId: moscow });
    await addActivity(h.db, { assigneeId: moscow, leadId: lead, dueAt: new Date('2026-11-27T10:00:00Z'), subject: 'Call' });
    await addActivity(h.db, { assigneeId: moscow, dealId: deal, dueAt: new Date('2026-11-25T08:00:00Z'), subject: 'Send proposal' });
    // Tomorrow in Moscow: not on today's list.
    await addActivity(h.db, { assigneeId: moscow, leadId: lead, dueAt: new Date('2026-11-28T07:00:00Z'), subject: 'Later' });
    await addActivity(h.db, { assigneeId: vlad, dueAt: new Date('2026-11-27T02:00:00Z'), subject: 'Meet' });
    return { moscow, vlad, lead, deal };
  }

  it('reaches each manager at 09:00 in their own zone, not before, and once', async () => {
    const { moscow, vlad } = await twoManagers();
    const ctx = testJobContext(h);

    expect(await sendMorningLists(ctx, new Date(VLAD_NINE.getTime() - 60_000))).toEqual({ queued: 0, skipped: 0 });
    expect(await outboxRows(h)).toHaveLength(0);

    expect((await sendMorningLists(ctx, VLAD_NINE)).queued).toBe(1);
    let rows = await outboxRows(h, 'morning_list');
    expect(rows.map((r) => r.memberId)).toEqual([vlad]);
    expect(rows[0]?.payload).toMatchObject({ date: '2026-11-27', timeZone: 'Asia/Vladivostok', overdue: [], today: [{ subject: 'Meet' }] });

    expect((await sendMorningLists(ctx, new Date(MSK_NINE.getTime() - 60_000))).queued).toBe(0);
    expect((await sendMorningLists(ctx, MSK_NINE)).queued).toBe(1);
    expect((await sendMorningLists(ctx, new Date(MSK_NINE.getTime() + 300_000))).queued).toBe(0);

    rows = await outboxRows(h, 'morning_list');
    expect(rows.map((r) => r.memberId)).toEqual([vlad, moscow]);
    const anna = rows[1]!;
    expect(anna.chatId).toBeGreaterThan(0);
    expect(anna.payload).toMatchObject({
      date: '2026-11-27',
      overdue: [{ subject: 'Send proposal', deal: { title: 'Поставка' }, lead: null }],
      today: [{ subject: 'Call', lead: { number: 101, name: 'ООО Ромашка' }, deal: null }],
      more: 0,
      poolCount: 0,
    });
  });

  it('sends nothing to a member with nothing to do, but tells managers about a waiting pool', async () => {
    const idle = await addMember(h.db, { role: 'manager' });
    const head = await addMember(h.db, { role: 'head' });
    const ctx = testJobContext(h);
    expect(await sendMorningLists(ctx, MSK_NINE)).toEqual({ queued: 0, skipped: 2 });

    const h2 = await freshDb();
    try {
      const manager = await addMember(h2.db, { role: 'manager' });
      await addMember(h2.db, { role: 'head' });
      await addLead(h2.db, { assigneeId: null });
      await addLead(h2.db, { assigneeId: null, status: 'junk' });
      expect((await sendMorningLists(testJobContext(h2), MSK_NINE)).queued).toBe(1);
      const [row] = await outboxRows(h2, 'morning_list');
      expect(row).toMatchObject({ memberId: manager, payload: { overdue: [], today: [], poolCount: 1 } });
    } finally {
      h2.close();
    }
    void idle;
    void head;
  });

  it('queues one list per member when two instances run the same tick at once', async () => {
    await twoManagers();
    const ctx = testJobContext(h);
    const results = await Promise.all([sendMorningLists(ctx, MSK_NINE), sendMorningLists(ctx, MSK_NINE), sendMorningLists(ctx, MSK_NINE)]);
    expect(results.reduce((s, r) => s + r.queued, 0)).toBe(2);
    expect(await outboxRows(h, 'morning_list')).toHaveLength(2);
  });

  it('catches up after downtime within the working day and skips a day already over', async () => {
    const { moscow } = await twoManagers();
    const ctx = testJobContext(h);
    // Down from before Vladivostok's morning until 18:30 in Moscow (15:30Z): both windows are over
    // (Vladivostok's ended at 18:00 local, 09:00Z; it is now 01:30 tomorrow there).
    expect(await sendMorningLists(ctx, new Date('2026-11-27T15:30:00Z'))).toEqual({ queued: 0, skipped: 0 });
    expect(await outboxRows(h)).toHaveLength(0);

    // Back at 13:05 Moscow time: Moscow's list is still worth sending, Vladivostok's day is over.
    expect((await sendMorningLists(ctx, new Date('2026-11-27T10:05:00Z'))).queued).toBe(1);
    const rows = await outboxRows(h, 'morning_list');
    expect(rows.map((r) => r.memberId)).toEqual([moscow]);
    // Caught up at 13:05: the 10:00Z call is now due and counts as overdue, not as later today.
    expect(rows[0]?.payload).toMatchObject({ overdue: [{ subject: 'Send proposal' }, { subject: 'Call' }], today: [] });
  });

  it('sends nothing on a day off (WORKDAYS), and Monday\'s list carries what slipped over the weekend', async () => {
    const { moscow } = await twoManagers();
    const ctx = testJobContext(h); // Monday to Friday
    // Saturday 28 and Sunday 29 November, 09:00 in Moscow.
    expect((await sendMorningLists(ctx, new Date('2026-11-28T06:00:00Z'))).queued).toBe(0);
    expect((await sendMorningLists(ctx, new Date('2026-11-29T06:00:00Z'))).queued).toBe(0);
    expect(await outboxRows(h, 'morning_list')).toHaveLength(0);
    // Monday 30 November (16:00 in Vladivostok, so Boris catches up too): Saturday's "Later" is overdue now.
    expect((await sendMorningLists(ctx, new Date('2026-11-30T06:00:00Z'))).queued).toBe(2);
    const monday = (await outboxRows(h, 'morning_list')).find((r) => r.memberId === moscow);
    expect((monday?.payload as { overdue: { subject: string }[] }).overdue.map((i) => i.subject)).toContain('Later');
    // A six-day team gets its Saturday list.
    const sixDays = testJobContext(h, { workdays: [1, 2, 3, 4, 5, 6] });
    expect((await sendMorningLists(sixDays, new Date('2026-11-28T06:00:00Z'))).queued).toBeGreaterThan(0);
  });
});
