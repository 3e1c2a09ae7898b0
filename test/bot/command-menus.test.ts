import { describe, expect, it } from 'vitest';
import { syncCommandMenus } from '../../bot/commands.js';
import { en } from '../../bot/locales/en.js';
import { ru } from '../../bot/locales/ru.js';
import { useBotWorld } from '../helpers/bot-world.js';
import { tgUser } from '../helpers/telegram.js';

const olga = tgUser(1201, 'Olga', 'ru');
const hanna = tgUser(1202, 'Hanna', 'ru');
const anna = tgUser(1203, 'Anna', 'ru');
const mike = tgUser(1204, 'Mike', 'en');

const LEADERSHIP = ['team', 'invite', 'audit', 'report'];
const OWNER_ONLY = ['products', 'settings'];

/**
 * What each person finds behind the bot's Menu button: Telegram shows a chat's own menu (scope
 * chat) before the default one, so each member's private chat carries the commands of their role in
 * their language, and everybody else (strangers, clients) sees only /start.
 */
describe('command menus per role', () => {
  const w = useBotWorld({ owner: olga, heads: [hanna], managers: [anna, mike] });
  const menuOf = (user: { id: number }) => w.api.commands({ type: 'chat', chat_id: user.id });
  const names = (user: { id: number }) => menuOf(user)?.map((c) => c.command);

  it('strangers and clients see only /start; each member sees the commands of their role, in their language', async () => {
    await syncCommandMenus(w.bot.api, w.deps, 'ru');
    for (const lang of ['', 'ru', 'en']) expect(w.api.commands({ type: 'default' }, lang)?.map((c) => c.command)).toEqual(['start']);
    expect(w.api.commands({ type: 'default' }, 'ru')).toEqual([{ command: 'start', description: ru.commands.start }]);

    expect(names(anna)).toEqual(expect.arrayContaining(['leads', 'pool', 'new', 'find', 'deals', 'help']));
    for (const hidden of [...LEADERSHIP, ...OWNER_ONLY]) expect(names(anna)).not.toContain(hidden);
    expect(menuOf(anna)?.find((c) => c.command === 'leads')?.description).toBe(ru.commands.leads);
    expect(menuOf(mike)?.find((c) => c.command === 'leads')?.description).toBe(en.commands.leads);

    expect(names(hanna)).toEqual(expect.arrayContaining(LEADERSHIP));
    for (const hidden of OWNER_ONLY) expect(names(hanna)).not.toContain(hidden);
    expect(names(olga)).toEqual(expect.arrayContaining([...LEADERSHIP, ...OWNER_ONLY]));
  });

  it('joining sets the new member’s menu at once, without waiting for a restart', async () => {
    const boris = tgUser(1205, 'Boris', 'en');
    await w.join(boris, 'head');
    expect(names(boris)).toEqual(expect.arrayContaining(LEADERSHIP));
    expect(names(boris)).not.toContain('products');
    expect(menuOf(boris)?.find((c) => c.command === 'team')?.description).toBe(en.commands.team);
  });

  it('a role change re-registers the member’s menu; deactivation removes it, so the public one applies', async () => {
    expect(names(anna)).not.toContain('team');
    await w.send(olga, '/team');
    await w.tap(olga, 'Anna');
    await w.tap(olga, ru.team.makeRole({ role: ru.roles.head }));
    expect(names(anna)).toEqual(expect.arrayContaining(LEADERSHIP));
    expect(names(anna)).not.toContain('products');

    await w.tap(olga, 'Anna');
    await w.tap(olga, ru.team.makeRole({ role: ru.roles.manager }));
    expect(names(anna)).not.toContain('team');

    await w.tap(olga, 'Anna');
    await w.tap(olga, ru.team.deactivate);
    await w.tap(olga, ru.team.yes);
    expect(menuOf(anna)).toBeUndefined();
    // A sync after a restart keeps it that way (and removes a menu a failed delete may have left).
    await syncCommandMenus(w.bot.api, w.deps, 'ru');
    expect(menuOf(anna)).toBeUndefined();
  });

  it('/lang switches the member’s menu to the new language', async () => {
    await w.send(anna, '/lang');
    await w.tap(anna, 'English');
    expect(menuOf(anna)?.find((c) => c.command === 'leads')?.description).toBe(en.commands.leads);
  });

  it('one chat Telegram refuses does not keep the others from getting their menus', async () => {
    w.api.failWith = (method, p) =>
      method === 'setMyCommands' && JSON.stringify(p.scope ?? {}).includes(String(hanna.id))
        ? { error_code: 400, description: 'Bad Request: chat not found' }
        : undefined;
    const { members, failed } = await syncCommandMenus(w.bot.api, w.deps, 'en');
    expect(failed.map((f) => f.chatId)).toEqual([hanna.id]);
    expect(members).toBe(3);
    expect(w.api.commands()?.[0]).toEqual({ command: 'start', description: en.commands.start });
  });
});
