import { describe, expect, it } from 'vitest';
import { deals, history } from '../../db/schema/index.js';
import { commandList } from '../../bot/commands.js';
import { en } from '../../bot/locales/en.js';
import { ru } from '../../bot/locales/ru.js';
import { TEAM_CHAT, useBotWorld } from '../helpers/bot-world.js';
import { dealBotWorld } from '../helpers/deal-bot.js';
import { tgUser } from '../helpers/telegram.js';

const olga = tgUser(701, 'Olga', 'ru');
const mike = tgUser(702, 'Mike', 'en');

describe('bot: the command menu, /help and typed input', () => {
  const w = useBotWorld({ owner: olga, managers: [mike] }, dealBotWorld);

  it('every command in the menu has a handler: the owner gets an answer to each, never the "not sure" hint', async () => {
    const menu = commandList('en').map((c) => c.command);
    expect(menu).toEqual(expect.arrayContaining(['deals', 'products', 'contacts', 'export', 'audit', 'report']));
    expect(commandList('ru').map((c) => c.command)).toEqual(menu);
    for (const command of menu) {
      const before = w.api.calls.length;
      await w.send(olga, `/${command}`);
      const answered = w.api.calls.slice(before).filter((c) => c.ok && /^send/.test(c.method));
      expect(answered.length, `/${command}`).toBeGreaterThan(0);
      expect(answered.map((c) => c.payload.text), `/${command}`).not.toContain(ru.unknownInput);
    }
  });

  it('/help shows each member the commands of their role, in their language', async () => {
    await w.send(mike, '/help');
    const manager = w.api.last(mike.id).text;
    expect(manager).toContain(`/deals — ${en.help.lines.deals}`);
    expect(manager).toContain('/contacts');
    expect(manager).toContain('/export');
    for (const hidden of ['/team', '/invite', '/audit', '/report', '/products', en.help.csv]) expect(manager).not.toContain(hidden);

    await w.send(olga, '/help');
    const owner = w.api.last(olga.id).text;
    for (const shown of ['/deals', '/team', '/invite', '/audit', '/report', '/products', ru.help.csv, ru.help.notes]) expect(owner).toContain(shown);
  });

  it('a command drops the deal side’s waiting input too, so later text is not taken as the old answer', async () => {
    await w.convertNewLead(mike, { name: 'Иван' });
    await w.tap(mike, /^de:/);
    await w.tap(mike, /^def:.*:title$/);
    await w.send(mike, '/leads');
    await w.send(mike, 'Site redesign');
    expect(w.api.last(mike.id).text).toBe(en.unknownInput);
    expect((await w.h.db.select().from(deals))[0]?.title).not.toBe('Site redesign');
  });

  it('a prompt from a button replaces the note offered after a call: the text goes to the prompt', async () => {
    await w.lead({ name: 'Иван' });
    await w.deliver();
    await w.tap(mike, /^take:/, w.api.last(TEAM_CHAT));
    await w.tap(mike, /^call:/);
    await w.tap(mike, /^co:.*:reached$/);
    await w.tap(mike, /^cn:.*:3d$/);
    // The note is on offer now; converting and editing the title must still get the title.
    await w.tap(mike, /^cv:/);
    await w.tap(mike, /^cvy:/);
    await w.tap(mike, /^de:/);
    await w.tap(mike, /^def:.*:title$/);
    await w.send(mike, 'Site redesign');
    expect((await w.h.db.select().from(deals))[0]?.title).toBe('Site redesign');
    const notes = (await w.h.db.select().from(history)).filter((h) => h.action === 'note');
    expect(notes).toEqual([]);
  });
});
