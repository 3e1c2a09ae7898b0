import { env } from 'cloudflare:workers';
import { and, eq, isNull } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { activities, dealItems, deals, history, leads, members, outbox } from '../../db/schema/index.js';
import { addNote } from '../../src/core/leads/add-lead-note.js';
import { changeDealStage } from '../../src/core/deals/change-deal-stage.js';
import { changeLeadStatus } from '../../src/core/leads/change-lead-status.js';
import { completeActivity } from '../../src/core/activities/complete-activity.js';
import { convertLead } from '../../src/core/leads/convert-lead.js';
import { createLeadFromIntake } from '../../src/core/intake/create-lead-from-intake.js';
import { addDealItem, removeDealItem, updateDealItem } from '../../src/core/deals/deal-items.js';
import { isCrmError } from '../../src/core/shared/errors.js';
import { findLeads } from '../../src/core/leads/find-leads.js';
import { junkLead } from '../../src/core/leads/junk-lead.js';
import { leadHistory } from '../../src/core/leads/lead-history.js';
import { listMyLeads } from '../../src/core/leads/list-leads.js';
import { logCall } from '../../src/core/leads/log-call.js';
import { loseDeal } from '../../src/core/deals/lose-deal.js';
import { makeProposal } from '../../src/core/proposals/make-proposal.js';
import { addProduct } from '../../src/core/products/add-product.js';
import { rescheduleActivity } from '../../src/core/activities/reschedule-activity.js';
import { snoozeActivity } from '../../src/core/activities/snooze-activity.js';
import { takeLead } from '../../src/core/leads/take-lead.js';
import { winDeal } from '../../src/core/deals/win-deal.js';
import { acceptInvite } from '../../src/core/team/accept-invite.js';
import { runBatch } from '../../src/core/shared/batch.js';
import { blockChat, reserveSendSlot } from '../../src/core/telegram/telegram-pacing.js';
import { buildConversionReport } from '../../src/core/reports/build-conversion-report.js';
import { createInvite } from '../../src/core/team/create-invite.js';
import { exportDeals, exportLeads } from '../../src/core/csv/export-csv.js';
import { importLeadsCsv } from '../../src/core/csv/import-leads-csv.js';
import { claimDueOutbox, failOutbox, markOutboxSent, rescheduleOutbox } from '../../src/core/telegram/outbox-queue.js';
import { pruneRecords } from '../../src/core/operations/prune-records.js';
import { outboxEntry } from '../../src/core/shared/records.js';
import { setMemberTimeZone } from '../../src/core/team/set-member-time-zone.js';
import { workerRuntime } from '../../src/entry/worker.js';
import { renderReportChart, type ReportChartLabels } from '../../src/render/report-chart.js';
import { as, D1Clock, seedMember, type TeamMember } from './d1-team.js';

/**
 * The domain on D1 inside workerd: the same use cases the bot calls, with member actors, over the
 * Worker's own deps (D1 handle, fonts and wasm imported as bundled modules). One story, in order:
 * each step starts from what the one before left. Outcomes are read back from the tables.
 */
const deps = () => workerRuntime(env as never).deps;
const db = () => deps().db;
const clock = new D1Clock(new Date('2026-11-27T09:00:00Z'));
const webhook = { actor: { kind: 'webhook' as const, id: 'form', label: 'site form' } };
const rule = (name: string) => (e: unknown) => isCrmError(e) && e.details.rule === name;

const chartLabels: ReportChartLabels = {
  title: 'Конверсия по каналам',
  period: '01.11 – 30.11.2026',
  leads: 'Лиды',
  converted: 'Стали сделками',
  won: 'Выиграно',
  lost: 'Проиграно',
  channel: (c) => c,
  number: (n) => String(n),
};

let owner: TeamMember;
let head: TeamMember;
let anna: TeamMember;
let boris: TeamMember;
const ctx = (who: { actor: TeamMember['actor'] | (typeof webhook)['actor'] }) => as(deps(), clock, who);
const historyOf = async (entityId: string) => (await db().select().from(history).where(eq(history.entityId, entityId))).map((h) => h.action);
const openSteps = (where: ReturnType<typeof eq>) => db().select().from(activities).where(and(where, isNull(activities.doneAt)));

beforeAll(async () => {
  owner = await seedMember(db(), 9001, 'Ольга', 'owner');
  head = await seedMember(db(), 9002, 'Hanna', 'head');
  anna = await seedMember(db(), 9003, 'Анна', 'manager');
  boris = await seedMember(db(), 9004, 'Boris', 'manager');
});

describe('core use cases on D1 (workerd)', () => {
  let leadId: string;
  let dealId: string;

  it('intake creates a lead with its first-contact call, and the same phone written another way joins it', async () => {
    const first = await createLeadFromIntake(ctx(webhook), { channel: 'site_form', intakeSource: 'form', name: 'Иван Петров', phone: '+7 916 123-45-67', companyName: 'ООО «Ромашка»' });
    expect(first).toMatchObject({ outcome: 'created', duplicate: false });
    leadId = first.lead.id;
    const again = await createLeadFromIntake(ctx(webhook), { channel: 'site_form', intakeSource: 'form', phone: '8 (916) 123-45-67', email: 'ivan@example.com' });
    expect(again).toMatchObject({ outcome: 'joined', duplicate: true, lead: { id: leadId } });
    const [row] = await db().select().from(leads).where(eq(leads.id, leadId));
    expect(row).toMatchObject({ phone: '+79161234567', email: 'ivan@example.com', repeatCount: 1, status: 'new' });
    expect(await openSteps(eq(activities.leadId, leadId))).toHaveLength(1);
    expect(await historyOf(leadId)).toEqual(['created', 'repeat_request']);
  });

  it('take: the first manager wins, the second is told who has it', async () => {
    expect((await takeLead(ctx(anna), leadId)).outcome).toBe('taken');
    expect(await takeLead(ctx(boris), leadId)).toMatchObject({ outcome: 'taken_by_other', lead: null, assignee: { name: 'Анна' } });
    const [row] = await db().select().from(leads).where(eq(leads.id, leadId));
    expect(row).toMatchObject({ assigneeId: anna.id, status: 'assigned' });
    expect((await openSteps(eq(activities.leadId, leadId)))[0]?.assigneeId).toBe(anna.id);
  });

  it('log call closes the open call and plans the next one', async () => {
    clock.advance(5 * 60_000);
    await expect(logCall(ctx(anna), { leadId, outcome: 'no_answer' })).rejects.toSatisfy(rule('next_activity_required'));
    const result = await logCall(ctx(anna), { leadId, outcome: 'no_answer', note: 'voicemail', next: { dueAt: '2026-11-27T11:00:00Z' } });
    expect(result).toMatchObject({ status: 'unreachable', planned: true });
    const all = await db().select().from(activities).where(eq(activities.leadId, leadId)).orderBy(activities.dueAt);
    expect(all.map((a) => [a.result, a.doneAt?.toISOString() ?? null])).toEqual([
      ['no_answer', '2026-11-27T09:05:00.000Z'],
      [null, null],
    ]);
    expect(await historyOf(leadId)).toContain('call_logged');
  });

  it('status change is refused without a next step and allowed with one', async () => {
    await db().update(activities).set({ doneAt: clock.now() }).where(eq(activities.leadId, leadId));
    await expect(changeLeadStatus(ctx(anna), { leadId, status: 'in_progress' })).rejects.toSatisfy(rule('next_activity_required'));
    expect((await db().select().from(leads).where(eq(leads.id, leadId)))[0]?.status).toBe('unreachable');
    const done = await changeLeadStatus(ctx(anna), { leadId, status: 'in_progress', next: { dueAt: '2026-11-28T09:00:00Z' } });
    expect(done).toMatchObject({ changed: true, status: 'in_progress' });
    expect((await db().select().from(leads).where(eq(leads.id, leadId)))[0]?.status).toBe('in_progress');
    expect(await openSteps(eq(activities.leadId, leadId))).toHaveLength(1);
  });

  it('notes and the lead history, newest first', async () => {
    await addNote(ctx(anna), leadId, 'Просит смету до пятницы');
    const page = await leadHistory(ctx(anna), leadId, { limit: 3 });
    expect(page.items.map((i) => i.action)).toEqual(['note', 'status_changed', 'call_logged']);
    expect(page.total).toBeGreaterThanOrEqual(5);
    await expect(leadHistory(ctx(boris), leadId)).rejects.toSatisfy((e: unknown) => isCrmError(e, 'FORBIDDEN'));
  });

  it('find: a phone written another way, its last digits, and a Cyrillic name through the FTS5 trigram table', async () => {
    const ids = async (q: string, who = anna) => (await findLeads(ctx(who), q)).map((l) => l.id);
    expect(await ids('8-916-123-45-67')).toEqual([leadId]);
    expect(await ids('4567')).toEqual([leadId]);
    expect(await ids('иван')).toEqual([leadId]); // lower case: trigram folds Cyrillic case
    expect(await ids('Петров')).toEqual([leadId]);
    expect(await ids('ромашк')).toEqual([leadId]);
    expect(await ids('Петров', boris)).toEqual([]); // a colleague's lead stays hidden
    expect(await ids('Петров', head)).toEqual([leadId]);
  });

  it('list my leads: the open lead with its next step', async () => {
    const page = await listMyLeads(ctx(anna));
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({ lead: { id: leadId, status: 'in_progress' }, overdue: false });
    expect(page.items[0]?.nextDueAt?.toISOString()).toBe('2026-11-28T09:00:00.000Z');
    expect((await listMyLeads(ctx(boris))).total).toBe(0);
  });

  it('junk: a second lead is junked with its reason, activities closed', async () => {
    const other = await createLeadFromIntake(ctx(webhook), { channel: 'call', intakeSource: 'zadarma', phone: '+79031112233' });
    await takeLead(ctx(boris), other.lead.id);
    await junkLead(ctx(boris), { leadId: other.lead.id, reason: 'spam', note: 'robot' });
    const [row] = await db().select().from(leads).where(eq(leads.id, other.lead.id));
    expect(row).toMatchObject({ status: 'junk', junkReason: 'spam', junkNote: 'robot' });
    expect(await openSteps(eq(activities.leadId, other.lead.id))).toHaveLength(0);
    await expect(junkLead(ctx(boris), { leadId: other.lead.id, reason: 'other' })).rejects.toSatisfy(rule('lead_closed'));
  });

  it('convert: contact, company and deal, the open step moved to the deal', async () => {
    const result = await convertLead(ctx(anna), { leadId, title: 'Сайт для Ромашки' });
    expect(result).toMatchObject({ contactCreated: true, companyCreated: true, movedActivities: 1 });
    expect(result.companyId).not.toBeNull();
    dealId = result.dealId;
    const [deal] = await db().select().from(deals).where(eq(deals.id, dealId));
    expect(deal).toMatchObject({ title: 'Сайт для Ромашки', stage: 'in_progress', leadId, contactId: result.contactId, companyId: result.companyId, assigneeId: anna.id });
    expect((await db().select().from(leads).where(eq(leads.id, leadId)))[0]?.status).toBe('converted');
    expect(await openSteps(eq(activities.dealId, dealId))).toHaveLength(1);
  });

  it('deal stage changes with a next step', async () => {
    await db().update(activities).set({ doneAt: clock.now() }).where(eq(activities.dealId, dealId));
    await expect(changeDealStage(ctx(anna), { dealId, stage: 'clarifying' })).rejects.toSatisfy(rule('next_activity_required'));
    const moved = await changeDealStage(ctx(anna), { dealId, stage: 'clarifying', next: { dueAt: new Date('2026-12-10T09:00:00Z') } });
    expect(moved).toMatchObject({ from: 'in_progress', to: 'clarifying', changed: true, plannedNext: true });
    expect((await db().select().from(deals).where(eq(deals.id, dealId)))[0]?.stage).toBe('clarifying');
    expect(await historyOf(dealId)).toContain('stage_changed');
  });

  it('products and deal items keep the amount in step', async () => {
    const { id: productId } = await addProduct(ctx(owner), { name: 'Разработка сайта', price: 15_000_000 });
    const { itemId } = await addDealItem(ctx(anna), { dealId, productId });
    const { itemId: seo } = await addDealItem(ctx(anna), { dealId, name: 'SEO-продвижение', quantity: 3, price: 3_000_000 });
    const amount = async () => (await db().select().from(deals).where(eq(deals.id, dealId)))[0]?.amount;
    expect(await amount()).toBe(24_000_000);
    expect((await updateDealItem(ctx(anna), { itemId: seo, quantity: 2 })).changed).toEqual(['quantity']);
    expect(await amount()).toBe(21_000_000);
    const { itemId: extra } = await addDealItem(ctx(anna), { dealId, name: 'Хостинг', price: 500_000 });
    await removeDealItem(ctx(anna), extra);
    expect(await amount()).toBe(21_000_000);
    expect((await db().select().from(dealItems).where(eq(dealItems.dealId, dealId))).map((i) => i.id).sort()).toEqual([itemId, seo].sort());
  });

  it('proposal: a PDF drawn with the bundled Roboto fonts, the deal moved to proposal, the follow-up planned', async () => {
    const result = await makeProposal(ctx(anna), { dealId }, deps().fonts);
    expect(new TextDecoder().decode(result.bytes.slice(0, 5))).toBe('%PDF-');
    expect(result.bytes.length).toBeGreaterThan(10_000);
    expect(result).toMatchObject({ number: '1/1', total: 21_000_000, stageChanged: true });
    expect((await db().select().from(deals).where(eq(deals.id, dealId)))[0]?.stage).toBe('proposal');
    const subjects = (await openSteps(eq(activities.dealId, dealId))).map((a) => a.subject).sort();
    expect(subjects).toEqual(['deal_next_step', 'proposal_follow_up']);
    expect(await historyOf(dealId)).toContain('proposal_sent');
  });

  it('activities: snooze, reschedule and complete with the next step', async () => {
    const [step] = await db()
      .select()
      .from(activities)
      .where(and(eq(activities.dealId, dealId), eq(activities.subject, 'proposal_follow_up')));
    const snoozed = await snoozeActivity(ctx(anna), { activityId: step!.id, minutes: 30 });
    expect(snoozed.dueAt.getTime() - snoozed.previousDueAt.getTime()).toBeGreaterThanOrEqual(30 * 60_000);
    const moved = await rescheduleActivity(ctx(anna), { activityId: step!.id, dueAt: '2026-12-01T10:00:00Z' });
    expect(moved.dueAt.toISOString()).toBe('2026-12-01T10:00:00.000Z');
    const done = await completeActivity(ctx(anna), { activityId: step!.id, result: 'Клиент думает', next: { dueAt: '2026-12-03T10:00:00Z' } });
    expect(done).toEqual({ activityId: step!.id, alreadyDone: false });
    expect((await completeActivity(ctx(anna), { activityId: step!.id })).alreadyDone).toBe(true);
    const [row] = await db().select().from(activities).where(eq(activities.id, step!.id));
    expect(row).toMatchObject({ result: 'Клиент думает', dueAt: new Date('2026-12-01T10:00:00Z') });
    expect(row?.doneAt).not.toBeNull();
    const actions = await historyOf(dealId);
    for (const a of ['activity_snoozed', 'activity_rescheduled', 'activity_done']) expect(actions).toContain(a);
  });

  it('win one deal, lose another: stage, amount, closed activities', async () => {
    const won = await winDeal(ctx(anna), { dealId, note: 'Подписали' });
    expect(won).toEqual({ dealId, amount: 21_000_000 });
    const [deal] = await db().select().from(deals).where(eq(deals.id, dealId));
    expect(deal).toMatchObject({ stage: 'won', amount: 21_000_000 });
    expect(deal?.closedAt).not.toBeNull();
    expect(await openSteps(eq(activities.dealId, dealId))).toHaveLength(0);

    const second = await createLeadFromIntake(ctx(webhook), { channel: 'site_form', intakeSource: 'form', name: 'Мария', phone: '+79035556677' });
    await takeLead(ctx(boris), second.lead.id);
    const { dealId: lostId } = await convertLead(ctx(boris), { leadId: second.lead.id });
    await loseDeal(ctx(boris), { dealId: lostId, reason: 'price', note: 'дорого' });
    expect((await db().select().from(deals).where(eq(deals.id, lostId)))[0]).toMatchObject({ stage: 'lost', lostReason: 'price' });
    expect(await openSteps(eq(activities.dealId, lostId))).toHaveLength(0);
  });

});

describe('team, files, reports and housekeeping on D1 (workerd)', () => {
  it('CSV import: new leads, a join on an existing phone, a rejected row; export reads them back', async () => {
    const csv = ['\uFEFFИмя;Телефон;Компания', 'Сергей;+7 916 700-00-01;ООО Альфа', 'Дубль;8 916 700 00 01;', 'Плохой;12-34;', 'Мария2;+7 903 555 66 77;'].join('\r\n');
    const result = await importLeadsCsv(ctx(head), { content: new TextEncoder().encode(csv), fileName: 'base.csv' });
    // Мария's phone has a closed (converted) lead already, so hers is a new one.
    expect(result).toMatchObject({ created: 2, joined: 1, rejected: 1 });
    expect(result.rejections[0]?.line).toBe(4);
    const [imported] = await db().select().from(leads).where(eq(leads.phone, '+79167000001'));
    expect(imported).toMatchObject({ name: 'Сергей', channel: 'cold_call', repeatCount: 1, status: 'new' });
    await expect(importLeadsCsv(ctx(anna), { content: csv })).rejects.toSatisfy((e: unknown) => isCrmError(e, 'FORBIDDEN'));

    const leadsCsv = await exportLeads(ctx(head));
    expect(leadsCsv.rows).toBe((await db().select().from(leads)).length);
    expect(leadsCsv.csv).toContain('Сергей');
    expect(leadsCsv.csv).toContain("'+79167000001"); // formula-safe phone cell
    const dealsCsv = await exportDeals(ctx(anna));
    expect(dealsCsv.rows).toBe(1); // a manager exports only their own deals
    expect(dealsCsv.csv).toContain('Сайт для Ромашки');
  });

  it('conversion report from SQL aggregates on D1, and its chart drawn by resvg wasm with the bundled fonts', async () => {
    const report = await buildConversionReport(ctx(head), { from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-12-01T00:00:00Z') });
    const leadCount = (await db().select().from(leads)).length;
    expect(report.leads).toEqual({ total: leadCount, converted: 2 });
    expect(report.byChannel.find((c) => c.channel === 'site_form')).toMatchObject({ leads: 2, converted: 2 });
    expect(report.deals.won).toEqual({ count: 1, amounts: [{ currency: 'RUB', amount: 21_000_000 }] });
    expect(report.deals.lost.count).toBe(1);
    expect(report.byManager.find((m) => m.memberId === anna.id)).toMatchObject({ name: 'Анна', converted: 1 });
    await expect(buildConversionReport(ctx(anna), { from: new Date(0), to: clock.now() })).rejects.toSatisfy((e: unknown) => isCrmError(e, 'FORBIDDEN'));

    const png = await renderReportChart(report, chartLabels, { fonts: deps().fonts, wasm: deps().resvgWasm });
    expect([...png.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.length).toBeGreaterThan(5_000);
  });

  it('outbox: claim due rows once, settle only with the claim, reschedule and fail', async () => {
    const q = { db: db(), now: clock.now };
    await db().delete(outbox);
    for (const chatId of [101, 102, 103]) await runBatch(db(), [outboxEntry(db(), { kind: 'test', chatId, payload: { chatId }, at: clock.now() })]);
    const [a, b] = await Promise.all([claimDueOutbox(q, { limit: 2 }), claimDueOutbox(q, { limit: 2 })]);
    const claimed = [...a!, ...b!];
    expect(new Set(claimed.map((r) => r.id)).size).toBe(3);
    expect(claimed.every((r) => r.attempts === 1 && r.lockedUntil !== null)).toBe(true);
    const [first, second, third] = claimed;
    expect(await markOutboxSent(q, first!, { messageId: 42 })).toBe(true);
    expect(await markOutboxSent(q, { id: second!.id, lockedUntil: new Date(0) }, { messageId: 43 })).toBe(false);
    await rescheduleOutbox(q, second!, { delayMs: 2_000, error: '429' });
    await failOutbox(q, third!, 'chat not found');
    const rows = new Map((await db().select().from(outbox)).map((r) => [r.id, r]));
    expect(rows.get(first!.id)).toMatchObject({ status: 'sent', telegramMessageId: 42, lockedUntil: null });
    expect(rows.get(second!.id)).toMatchObject({ status: 'pending', lastError: '429', lockedUntil: null });
    expect(rows.get(third!.id)).toMatchObject({ status: 'failed', lastError: 'chat not found' });
    expect(await claimDueOutbox(q, { limit: 10 })).toHaveLength(0);
    clock.advance(3_000);
    expect((await claimDueOutbox(q, { limit: 10 })).map((r) => r.id)).toEqual([second!.id]);
  });

  it('prune drops sent messages past retention and keeps the rest', async () => {
    const q = { db: db(), now: () => new Date(clock.now().getTime() + 40 * 86_400_000) };
    const report = await pruneRecords(q);
    expect(report.sentMessages).toBe(1);
    expect((await db().select().from(outbox)).map((r) => r.status).sort()).toEqual(['failed', 'pending']);
    expect(await pruneRecords(q)).toMatchObject({ sentMessages: 0 });
  });

  it('a member sets their time zone', async () => {
    expect(await setMemberTimeZone(ctx(boris), 'Asia/Yekaterinburg')).toEqual({ timeZone: 'Asia/Yekaterinburg', previous: 'Europe/Moscow' });
    expect((await db().select().from(members).where(eq(members.id, boris.id)))[0]?.timeZone).toBe('Asia/Yekaterinburg');
    await expect(setMemberTimeZone(ctx(boris), 'Mars/Olympus')).rejects.toSatisfy(rule('unknown_time_zone'));
    expect(await historyOf(boris.id)).toEqual(['time_zone_changed']);
  });

  it('an invite from the head makes a manager, once', async () => {
    const { code } = await createInvite(ctx(head), 'manager');
    const joined = await acceptInvite(ctx(webhook), { code, telegramId: 9100, chatId: 9100, name: 'Пётр', languageCode: 'ru' });
    expect(joined).toMatchObject({ role: 'manager', active: true, name: 'Пётр', language: 'ru' });
    await expect(acceptInvite(ctx(webhook), { code, telegramId: 9101, chatId: 9101, name: 'Late' })).rejects.toSatisfy((e: unknown) => isCrmError(e));
    expect((await db().select().from(members).where(eq(members.telegramId, 9101)))).toHaveLength(0);
    expect((await db().select().from(members)).map((m) => m.name).sort()).toEqual(['Boris', 'Hanna', 'Анна', 'Ольга', 'Пётр'].sort());
  });
  it('Telegram send slots are reserved in one statement on D1: overall spacing, the chat’s own limit, a 429 block', async () => {
    let t = Date.parse('2026-11-27T10:00:00Z');
    const pace = { db: db(), now: () => new Date(t) };
    const gaps = (chatMs: number) => ({ globalMs: 40, chatMs });
    expect(await reserveSendSlot(pace, 7001, gaps(1000))).toEqual({ slotAt: t });
    expect(await reserveSendSlot(pace, 7002, gaps(1000))).toEqual({ slotAt: t + 40 });
    // The same chat again within its second: nothing reserved, asked to come back when the chat is free.
    expect(await reserveSendSlot(pace, 7001, gaps(1000))).toEqual({ askAt: t + 1000 });
    expect(await reserveSendSlot(pace, 7003, gaps(1000))).toEqual({ slotAt: t + 80 });
    await blockChat(pace, 7004, 5000);
    expect(await reserveSendSlot(pace, 7004, gaps(1000))).toEqual({ blockedUntil: t + 5000 });
    t += 5000;
    expect(await reserveSendSlot(pace, 7004, gaps(1000))).toEqual({ slotAt: t });
  });
});
