import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { history, leads, members } from '../../db/schema/index.js';
import { assignRoundRobin } from '../../src/core/leads/assign-round-robin.js';
import { authenticatePartner } from '../../src/core/partners/authenticate-partner.js';
import { convertLead } from '../../src/core/leads/convert-lead.js';
import { createPartner } from '../../src/core/partners/create-partner.js';
import { deactivateMember } from '../../src/core/team/deactivate-member.js';
import { isCrmError } from '../../src/core/shared/errors.js';
import { findContactsAndCompanies } from '../../src/core/contacts/find-contacts-and-companies.js';
import { getDealCard } from '../../src/core/deals/get-deal-card.js';
import { noteLostDeal } from '../../src/core/deals/note-lost-deal.js';
import { loseDeal } from '../../src/core/deals/lose-deal.js';
import { seedExampleProducts } from '../../src/core/products/seed-example-products.js';
import { recordIncomingCall } from '../../src/core/intake/record-incoming-call.js';
import { setMemberRole } from '../../src/core/team/set-member-role.js';
import { takeLead } from '../../src/core/leads/take-lead.js';
import { updateDeal } from '../../src/core/deals/update-deal.js';
import { workerRuntime } from '../../src/entry/worker.js';
import { as, D1Clock, seedMember, type TeamMember } from './d1-team.js';

/** The team and admin use cases the story in core-on-d1.test.ts does not reach, on D1 inside workerd. */
const deps = () => workerRuntime(env as never).deps;
const db = () => deps().db;
const clock = new D1Clock(new Date('2026-11-27T09:00:00Z'));
const ctx = (who: { actor: TeamMember['actor'] }) => as(deps(), clock, who);
const pbx = { actor: { kind: 'webhook' as const, id: 'zadarma', label: 'Zadarma' } };

let owner: TeamMember;
let anna: TeamMember;
let boris: TeamMember;

beforeAll(async () => {
  owner = await seedMember(db(), 9701, 'Ольга', 'owner');
  anna = await seedMember(db(), 9702, 'Анна', 'manager');
  boris = await seedMember(db(), 9703, 'Boris', 'manager');
});

describe('team and admin use cases on D1 (workerd)', () => {
  let leadId: string;

  it('an incoming call makes a lead once, however often the PBX repeats it', async () => {
    const call = { intakeSource: 'zadarma' as const, externalId: 'pbx-1', callerPhone: '+7 916 800-00-01', answered: false, durationSeconds: 0, source: 'zadarma:+74951234567' };
    const first = await recordIncomingCall(as(deps(), clock, pbx), call);
    expect(first).toMatchObject({ outcome: 'created', duplicate: false });
    const again = await recordIncomingCall(as(deps(), clock, pbx), call);
    expect(again).toMatchObject({ duplicate: true, lead: { id: first.lead.id } });
    leadId = first.lead.id;
    expect((await db().select().from(leads).where(eq(leads.id, leadId)))[0]).toMatchObject({ phone: '+79168000001', channel: 'missed_call' });
  });

  it('round robin hands the lead to a manager', async () => {
    const assignee = await assignRoundRobin(as(deps(), clock, pbx), leadId);
    expect([anna.id, boris.id]).toContain(assignee?.id);
    expect((await db().select().from(leads).where(eq(leads.id, leadId)))[0]?.assigneeId).toBe(assignee?.id);
  });

  it('the owner deactivates a manager: their open leads go back to the pool', async () => {
    const holder = (await db().select().from(leads).where(eq(leads.id, leadId)))[0]!.assigneeId!;
    expect(await deactivateMember(ctx(owner), holder)).toEqual({ returnedLeads: 1 });
    expect((await db().select().from(leads).where(eq(leads.id, leadId)))[0]).toMatchObject({ assigneeId: null, status: 'new' });
    expect((await db().select().from(members).where(eq(members.id, holder)))[0]?.active).toBe(false);
    await expect(deactivateMember(ctx(anna), boris.id)).rejects.toSatisfy((e: unknown) => isCrmError(e, 'FORBIDDEN'));
    // Back on the team for the steps below.
    await db().update(members).set({ active: true }).where(eq(members.id, holder));
  });

  it('the owner changes a role; the change is in history', async () => {
    await setMemberRole(ctx(owner), boris.id, 'head');
    expect((await db().select().from(members).where(eq(members.id, boris.id)))[0]?.role).toBe('head');
    const lines = await db().select().from(history).where(eq(history.entityId, boris.id));
    expect(lines.map((l) => l.action)).toContain('role_changed');
  });

  it('a deal is edited, lost with a note, and its card reads back; contacts and companies are found', async () => {
    await takeLead(ctx(anna), leadId);
    const { dealId } = await convertLead(ctx(anna), { leadId, companyName: 'ООО Вектор' });
    expect((await updateDeal(ctx(anna), { dealId, title: 'Звонок: сайт', amount: 5_000_000 })).changed).toEqual(expect.arrayContaining(['title', 'amount']));
    await loseDeal(ctx(anna), { dealId, reason: 'postponed' });
    await noteLostDeal(ctx(anna), { dealId, note: 'вернуться весной' });
    const card = await getDealCard(ctx(anna), dealId);
    expect(card.deal).toMatchObject({ title: 'Звонок: сайт', amount: 5_000_000, stage: 'lost', lostReason: 'postponed', lostNote: 'вернуться весной' });
    const found = await findContactsAndCompanies(ctx(anna), 'Вектор');
    expect(found.companies.map((c) => c.name)).toEqual(['ООО Вектор']);
  });

  it('example products seed once; partners authenticate by key', async () => {
    expect((await seedExampleProducts(ctx(owner), 'ru')).added).toBeGreaterThan(0);
    expect(await seedExampleProducts(ctx(owner), 'ru')).toEqual({ added: 0 });
    const partner = await createPartner(ctx(owner), 'Агентство');
    expect(await authenticatePartner(ctx(owner), partner.key)).toEqual({ id: partner.id, name: 'Агентство' });
    expect(await authenticatePartner(ctx(owner), 'pk_wrong')).toBeNull();
  });
});
