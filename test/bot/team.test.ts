import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { history, leads, members } from '../../db/schema/index.js';
import { en } from '../../bot/locales/en.js';
import { ru } from '../../bot/locales/ru.js';
import { systemActor } from '../../src/core/shared/context.js';
import { createInvite } from '../../src/core/team/create-invite.js';
import { TEAM_CHAT, useBotWorld } from '../helpers/bot-world.js';
import { buttonLabels, tgUser } from '../helpers/telegram.js';

const owner = tgUser(1, 'Olga', 'ru');
const manager = tgUser(2, 'Mike', 'en');
const stranger = tgUser(66, 'Eve', 'en');

describe('team: bootstrap, invites, roles, strangers', () => {
  const w = useBotWorld();

  it('the first owner joins with the CLI code; the code works once', async () => {
    const { code } = await createInvite(w.deps.core(systemActor), 'owner');
    await w.send(owner, `/start ${code}`);
    expect(w.api.last(owner.id).text).toContain(ru.welcome({ name: 'Olga', role: ru.roles.owner }));
    const [row] = await w.h.db.select().from(members);
    expect(row).toMatchObject({ telegramId: 1, role: 'owner', language: 'ru', active: true });

    await w.send(stranger, `/start ${code}`);
    expect(w.api.last(stranger.id).text).toBe(en.rules.invite_used);
    expect(await w.h.db.select().from(members)).toHaveLength(1);
  });

  it('refuses an expired code', async () => {
    const { code } = await createInvite(w.deps.core(systemActor), 'manager');
    w.deps.clock.advance(73 * 3600_000);
    await w.send(manager, `/start ${code}`);
    expect(w.api.last(manager.id).text).toBe(en.rules.invite_expired);
  });

  it('the owner invites a manager by button; the link joins them in their own language', async () => {
    await w.join(owner, 'owner');
    await w.send(owner, '/invite');
    expect(buttonLabels(w.api.last(owner.id))).toEqual([ru.roles.manager, ru.roles.head]);
    await w.tap(owner, ru.roles.manager);
    const link = /https:\/\/t\.me\/sales_crm_test_bot\?start=([a-z0-9]+)/.exec(w.api.last(owner.id).text);
    expect(link).not.toBeNull();
    await w.send(manager, `/start ${link![1]}`);
    expect(w.api.last(manager.id).text).toContain(en.welcome({ name: 'Mike', role: en.roles.manager }));
    expect(await w.h.db.select({ role: members.role, language: members.language }).from(members).where(eq(members.telegramId, 2))).toEqual([
      { role: 'manager', language: 'en' },
    ]);
  });

  it('a manager cannot invite or see the team', async () => {
    await w.join(owner, 'owner');
    await w.join(manager, 'manager');
    await w.send(manager, '/invite');
    expect(w.api.last(manager.id).text).toBe(en.rules.leadership_only);
    await w.send(manager, '/team');
    expect(w.api.last(manager.id).text).toBe(en.rules.leadership_only);
  });

  it('a stranger is a client: team commands get one neutral sentence and no data; team buttons are refused', async () => {
    await w.join(owner, 'owner');
    const lead = await w.lead({ name: 'Secret Client' });
    await w.deliver();
    for (const text of ['/leads', '/find Secret', `/find #${lead.number}`, '/team']) await w.send(stranger, text);
    const seen = w.api.chat(stranger.id).map((m) => m.text);
    expect(seen).toEqual(Array(4).fill(en.clients.neutral));
    await w.tap(stranger, ru.buttons.take, w.api.last(TEAM_CHAT));
    expect(w.api.toasts().at(-1)).toBe(en.strangerButton);
    expect((await w.h.db.select().from(leads).where(eq(leads.id, lead.id)))[0]?.assigneeId).toBeNull();
  });

  it('/team shows the load; the owner changes a role and deactivates a member, whose leads go back to the pool', async () => {
    await w.join(owner, 'owner');
    await w.join(manager, 'manager');
    const lead = await w.lead();
    await w.deliver();
    await w.tap(manager, ru.buttons.take, w.api.last(TEAM_CHAT));
    w.deps.clock.advance(3600_000);

    await w.send(owner, '/team');
    const list = w.api.last(owner.id);
    expect(list.text).toContain(ru.team.line({ name: 'Mike', role: ru.roles.manager, open: 1, overdue: 1 }));
    await w.tap(owner, 'Mike', list);
    await w.tap(owner, ru.team.makeRole({ role: ru.roles.head }));
    expect(w.api.last(owner.id).text).toContain(ru.team.line({ name: 'Mike', role: ru.roles.head, open: 1, overdue: 1 }));

    await w.tap(owner, 'Mike');
    await w.tap(owner, ru.team.deactivate);
    await w.tap(owner, ru.team.yes);
    expect(w.api.last(owner.id).text).toContain(ru.team.deactivated({ name: 'Mike', count: 1 }));
    const [after] = await w.h.db.select().from(leads).where(eq(leads.id, lead.id));
    expect(after).toMatchObject({ assigneeId: null, status: 'new' });
    const lines = await w.h.db.select().from(history).where(and(eq(history.entityId, lead.id), eq(history.action, 'returned_to_pool')));
    expect(lines).toHaveLength(1);

    await w.send(manager, '/leads');
    expect(w.api.last(manager.id).text).toBe(en.inactive);
  });
});
