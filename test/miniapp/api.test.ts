import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { deals, history, members } from '../../db/schema/index.js';
import { initDataFor, useMiniApp } from '../helpers/miniapp.js';
import { addActivity, addDeal, addLead, addMember } from '../helpers/seed.js';

const HOUR = 3_600_000;

describe('Mini App API: sign-in by Telegram initData', () => {
  const t = useMiniApp();
  let anna: string;
  let boris: string;
  let head: string;
  let annasDeal: string;
  let borisDeal: string;

  beforeEach(async () => {
    anna = await addMember(t.db, { name: 'Anna', role: 'manager' });
    boris = await addMember(t.db, { name: 'Boris', role: 'manager', language: 'en' });
    head = await addMember(t.db, { name: 'Helen', role: 'head', language: 'en' });
    annasDeal = await addDeal(t.db, { title: 'Anna deal', assigneeId: anna, amount: 150_000_00, stage: 'proposal' });
    borisDeal = await addDeal(t.db, { title: 'Boris deal', assigneeId: boris, amount: 90_000_00, stage: 'negotiation' });
    await addActivity(t.db, { dealId: borisDeal, assigneeId: boris, dueAt: new Date(t.clock.now().getTime() + HOUR) });
  });

  const telegramId = async (id: string) => (await t.db.select().from(members).where(eq(members.id, id)))[0]!.telegramId;

  it('a valid initData of an active member opens the app in their language and shows their own deals', async () => {
    const me = await t.as(anna, '/me');
    expect(me.status).toBe(200);
    const body = await me.json();
    expect(body.member).toMatchObject({ name: 'Anna', role: 'manager', language: 'ru' });
    expect(body.t.ui.tabBoard).toBe('Воронка');
    expect(body.managers).toEqual([{ id: anna, name: 'Anna' }]);

    const board = await (await t.as(anna, '/board')).json();
    const titles = board.columns.flatMap((col: { cards: { title: string }[] }) => col.cards.map((card) => card.title));
    expect(titles).toEqual(['Anna deal']);
    expect(board.columns.find((col: { stage: string }) => col.stage === 'proposal')).toMatchObject({ count: 1, amount: 150_000_00 });
    // No next step at all: the card is marked as overdue, as the house rule is broken.
    expect(board.columns.find((col: { stage: string }) => col.stage === 'proposal').cards[0]).toMatchObject({ next: null, overdue: true });
  });

  it('refuses a forged hash with a bare 401', async () => {
    const forged = await initDataFor(await telegramId(anna), t.clock.now(), '999999:not-the-bot-token');
    const res = await t.as(anna, '/board', { initData: forged });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: 'unauthorized' } });

    // A genuine signature over other fields: the user swapped after signing.
    const genuine = new URLSearchParams(await initDataFor(await telegramId(anna), t.clock.now()));
    genuine.set('user', JSON.stringify({ id: await telegramId(head), first_name: 'Helen' }));
    const swapped = await t.as(anna, '/board', { initData: genuine.toString() });
    expect(swapped.status).toBe(401);
    expect(await swapped.json()).toEqual({ error: { code: 'unauthorized' } });

    const missing = await t.app.request('/app/api/board');
    expect(missing.status).toBe(401);
  });

  it('refuses an auth_date older than 24 hours', async () => {
    const stale = await initDataFor(await telegramId(anna), new Date(t.clock.now().getTime() - 24 * HOUR - 60_000));
    const res = await t.as(anna, '/board', { initData: stale });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: 'unauthorized' } });

    const fresh = await initDataFor(await telegramId(anna), new Date(t.clock.now().getTime() - 23 * HOUR));
    expect((await t.as(anna, '/board', { initData: fresh })).status).toBe(200);
  });

  it('refuses a stranger whose Telegram account is not on the team', async () => {
    const stranger = await initDataFor(777_000_111, t.clock.now());
    const res = await t.as(anna, '/board', { initData: stranger });
    expect(res.status).toBe(401);
    const text = await res.text();
    expect(text).not.toContain('deal');
    expect(JSON.parse(text)).toEqual({ error: { code: 'unauthorized' } });
  });

  it('refuses a deactivated member', async () => {
    await t.db.update(members).set({ active: false }).where(eq(members.id, anna));
    const res = await t.as(anna, '/deals/' + annasDeal);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: 'unauthorized' } });
  });

  it("refuses a manager asking for a colleague's deal, to read it or to move it", async () => {
    const read = await t.as(anna, `/deals/${borisDeal}`);
    expect(read.status).toBe(403);
    const body = await read.text();
    expect(body).not.toContain('Boris deal');
    expect(JSON.parse(body).error.code).toBe('forbidden');

    const move = await t.as(anna, `/deals/${borisDeal}/stage`, {
      json: { stage: 'closing', next: { kind: 'call', dueAt: new Date(t.clock.now().getTime() + 24 * HOUR).toISOString() } },
    });
    expect(move.status).toBe(403);
    const [row] = await t.db.select().from(deals).where(eq(deals.id, borisDeal));
    expect(row!.stage).toBe('negotiation');

    expect((await t.as(anna, `/board?manager=${boris}`)).status).toBe(403);
    expect((await t.as(anna, '/dashboard')).status).toBe(403);
  });

  it('moves a deal only with a dated next step, and writes the history', async () => {
    const bare = await t.as(anna, `/deals/${annasDeal}/stage`, { json: { stage: 'negotiation' } });
    expect(bare.status).toBe(422);
    expect(await bare.json()).toMatchObject({ error: { code: 'rule', rule: 'next_activity_required' } });

    const dueAt = new Date(t.clock.now().getTime() + 24 * HOUR).toISOString();
    const moved = await t.as(anna, `/deals/${annasDeal}/stage`, { json: { stage: 'negotiation', next: { kind: 'meeting', dueAt } } });
    expect(moved.status).toBe(200);
    const [row] = await t.db.select().from(deals).where(eq(deals.id, annasDeal));
    expect(row!.stage).toBe('negotiation');
    const lines = await t.db.select().from(history).where(eq(history.entityId, annasDeal));
    expect(lines.map((l) => l.action)).toContain('stage_changed');

    const record = await (await t.as(anna, `/deals/${annasDeal}`)).json();
    expect(record.timeline[0].text).toMatch(/Переговоры|Negotiation/);
    expect(record.activities[0]).toMatchObject({ kind: 'meeting', dueAt, doneAt: null });
  });

  it('heads see every deal, narrow the board to one manager and read the dashboard with filters', async () => {
    const all = await (await t.as(head, '/board')).json();
    expect(all.columns.reduce((n: number, col: { count: number }) => n + col.count, 0)).toBe(2);
    const onlyBoris = await (await t.as(head, `/board?manager=${boris}`)).json();
    expect(onlyBoris.columns.flatMap((col: { cards: { title: string }[] }) => col.cards.map((card) => card.title))).toEqual(['Boris deal']);

    await addLead(t.db, { assigneeId: boris, channel: 'partner', createdAt: new Date(t.clock.now().getTime() - 2 * 24 * HOUR) });
    await addLead(t.db, { assigneeId: anna, channel: 'site_form', createdAt: new Date(t.clock.now().getTime() - 3 * 24 * HOUR) });
    const dash = await t.as(head, `/dashboard?days=7&channel=partner`);
    expect(dash.status).toBe(200);
    const d = await dash.json();
    expect(d.funnel).toEqual({ leads: 1, deals: 0, won: 0 });
    expect(d.byManager).toEqual([{ memberId: boris, name: 'Boris', leads: 1, deals: 0, won: 0 }]);
    expect(d.byChannel.map((c: { channel: string }) => c.channel).sort()).toEqual(['partner', 'site_form']);
    expect((await t.as(head, '/dashboard?days=5')).status).toBe(400);
  });

  it('lists my day, my leads and the pool, and takes a pool lead', async () => {
    const now = t.clock.now().getTime();
    const mine = await addLead(t.db, { name: 'Mine', assigneeId: anna, status: 'in_progress' });
    await addActivity(t.db, { leadId: mine, assigneeId: anna, dueAt: new Date(now - HOUR), subject: 'first_contact' });
    await addActivity(t.db, { leadId: mine, assigneeId: anna, dueAt: new Date(now + 26 * HOUR) });
    const waiting = await addLead(t.db, { name: 'Waiting' });

    const day = await (await t.as(anna, '/day')).json();
    expect(day.overdue.map((i: { subject: string }) => i.subject)).toEqual(['первый контакт']);
    expect(day.tomorrow).toHaveLength(1);

    const leads = await (await t.as(anna, '/leads')).json();
    expect(leads.mine.items.map((i: { lead: { name: string } }) => i.lead.name)).toEqual(['Mine']);
    expect(leads.pool.items.map((i: { name: string }) => i.name)).toEqual(['Waiting']);

    const take = await t.as(anna, `/leads/${waiting}/take`, { method: 'POST' });
    expect(take.status).toBe(200);
    expect((await take.json()).outcome).toBe('taken');
    const record = await (await t.as(anna, `/leads/${waiting}`)).json();
    expect(record).toMatchObject({ name: 'Waiting', assignee: 'Anna' });
    expect(record.timeline.length).toBeGreaterThan(0);
  });

  it('answers 400 to a body that is not JSON', async () => {
    const res = await t.as(anna, `/deals/${annasDeal}/stage`, { body: 'stage=won', headers: { 'content-type': 'text/plain' } });
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('bad_body');
  });
});
