import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { history, invites, leads, members } from '../../../db/schema/index.js';
import { acceptInvite, languageFromTelegram } from '../../../src/core/team/accept-invite.js';
import { assignRoundRobin } from '../../../src/core/leads/assign-round-robin.js';
import { systemActor } from '../../../src/core/shared/context.js';
import { createInvite } from '../../../src/core/team/create-invite.js';
import { createLeadFromIntake } from '../../../src/core/intake/create-lead-from-intake.js';
import { deactivateMember } from '../../../src/core/team/deactivate-member.js';
import { isCrmError } from '../../../src/core/shared/errors.js';
import { listTeam } from '../../../src/core/team/list-team.js';
import { setMemberRole } from '../../../src/core/team/set-member-role.js';
import { takeLead } from '../../../src/core/leads/take-lead.js';
import { useFreshDb } from '../../helpers/db.js';
import { addMember, as } from '../../helpers/members.js';

const rule = (name: string) => (e: unknown) => isCrmError(e) && e.details.rule === name;
const joiner = (telegramId: number, code: string) => ({ code, telegramId, chatId: telegramId, name: `User ${telegramId}`, languageCode: 'en-US' });

describe('team use cases', () => {
  const h = useFreshDb();
  const system = () => h.ctx();

  it('an invite code is stored hashed and makes exactly one member, even when used twice at once', async () => {
    const { code } = await createInvite(system(), 'manager');
    const [stored] = await h.db.select().from(invites);
    expect(stored?.codeHash).not.toContain(code);
    const results = await Promise.allSettled([acceptInvite(system(), joiner(10, code)), acceptInvite(system(), joiner(11, code))]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: expect.objectContaining({ details: { rule: 'invite_used' } }) });
    const rows = await h.db.select().from(members);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ role: 'manager', language: 'en', timeZone: 'Europe/Moscow' });
    expect(await h.db.select().from(history).where(eq(history.action, 'joined'))).toHaveLength(1);
  });

  it('refuses unknown and expired codes, and an active member joining twice', async () => {
    await expect(acceptInvite(system(), joiner(10, 'nope'))).rejects.toSatisfy(rule('invite_unknown'));
    const { code } = await createInvite(system(), 'manager');
    h.clock.advance(72 * 3600_000 + 1);
    await expect(acceptInvite(system(), joiner(10, code))).rejects.toSatisfy(rule('invite_expired'));
    const fresh = await createInvite(system(), 'manager');
    await acceptInvite(system(), joiner(10, fresh.code));
    const another = await createInvite(system(), 'head');
    await expect(acceptInvite(system(), joiner(10, another.code))).rejects.toSatisfy(rule('already_member'));
  });

  it('a deactivated member comes back with a new code and its role', async () => {
    const owner = await addMember(h.db, 'Olga', 'owner');
    const { code } = await createInvite(system(), 'manager');
    const m = await acceptInvite(system(), joiner(10, code));
    await deactivateMember(as(h.db, owner, h.clock), m.id);
    const again = await createInvite(system(), 'head');
    const back = await acceptInvite(system(), joiner(10, again.code));
    expect(back).toMatchObject({ id: m.id, role: 'head', active: true });
  });

  it('picks the language from the Telegram client', () => {
    expect(languageFromTelegram('ru', 'en')).toBe('ru');
    expect(languageFromTelegram('uk', 'en')).toBe('ru');
    expect(languageFromTelegram('de', 'ru')).toBe('en');
    expect(languageFromTelegram(undefined, 'ru')).toBe('ru');
  });

  it('only the owner changes roles and deactivates, never their own', async () => {
    const owner = await addMember(h.db, 'Olga', 'owner');
    const head = await addMember(h.db, 'Hanna', 'head');
    const anna = await addMember(h.db, 'Anna', 'manager');
    await expect(setMemberRole(as(h.db, head, h.clock), anna.id, 'head')).rejects.toSatisfy((e) => isCrmError(e, 'FORBIDDEN'));
    await expect(setMemberRole(as(h.db, owner, h.clock), owner.id, 'manager')).rejects.toSatisfy(rule('own_role'));
    await expect(deactivateMember(as(h.db, owner, h.clock), owner.id)).rejects.toSatisfy(rule('own_deactivation'));
    await expect(deactivateMember(as(h.db, head, h.clock), anna.id)).rejects.toSatisfy((e) => isCrmError(e, 'FORBIDDEN'));
    await setMemberRole(as(h.db, owner, h.clock), anna.id, 'head');
    expect((await h.db.select().from(members).where(eq(members.id, anna.id)))[0]?.role).toBe('head');
    await expect(listTeam(as(h.db, await addMember(h.db, 'Max', 'manager'), h.clock))).rejects.toSatisfy((e) => isCrmError(e, 'FORBIDDEN'));
  });

  it('round-robin goes to the active manager assigned longest ago and is idempotent per lead', async () => {
    const a = await addMember(h.db, 'A', 'manager');
    const b = await addMember(h.db, 'B', 'manager');
    const c = await addMember(h.db, 'C', 'manager', { active: false });
    await addMember(h.db, 'Head', 'head');
    void c;
    const intake = h.ctx({ kind: 'webhook', id: 'f', label: 'form' });
    const ids = [];
    for (let i = 0; i < 4; i++) {
      ids.push((await createLeadFromIntake(intake, { channel: 'site_form', intakeSource: 'form', phone: `+7999000000${i}` })).lead.id);
      h.clock.advance(1000);
    }
    const picked = [];
    for (const id of ids) {
      picked.push((await assignRoundRobin(system(), id))?.name);
      h.clock.advance(1000);
    }
    expect(picked).toEqual(['A', 'B', 'A', 'B']);
    expect((await assignRoundRobin(system(), ids[0]!))?.name).toBe('A');
    const rows = await h.db.select().from(leads);
    expect(rows.every((r) => r.status === 'assigned')).toBe(true);
    void a;
    void b;
  });

  it('deactivating returns open leads to the pool, each with a history line, and keeps closed ones', async () => {
    const owner = await addMember(h.db, 'Olga', 'owner');
    const anna = await addMember(h.db, 'Anna', 'manager');
    const intake = h.ctx(systemActor);
    const l1 = await createLeadFromIntake(intake, { channel: 'site_form', intakeSource: 'form', phone: '+79990000001' });
    const l2 = await createLeadFromIntake(intake, { channel: 'site_form', intakeSource: 'form', phone: '+79990000002' });
    await takeLead(as(h.db, anna, h.clock), l1.lead.id);
    await takeLead(as(h.db, anna, h.clock), l2.lead.id);
    await h.db.update(leads).set({ status: 'junk' }).where(eq(leads.id, l2.lead.id));
    h.clock.advance(3600_000);
    const team = await listTeam(as(h.db, owner, h.clock));
    expect(team.find((t) => t.member.name === 'Anna')).toMatchObject({ openLeads: 1, overdueActivities: 2 });
    expect(await deactivateMember(as(h.db, owner, h.clock), anna.id)).toEqual({ returnedLeads: 1 });
    const rows = await h.db.select().from(leads).orderBy(leads.number);
    expect(rows.map((r) => [r.status, r.assigneeId])).toEqual([['new', null], ['junk', anna.id]]);
    expect(await h.db.select().from(history).where(eq(history.action, 'returned_to_pool'))).toHaveLength(1);
  });
});
