import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { businessConnections, clientMessages, history, leads, telegramClients } from '../../db/schema/index.js';
import { en } from '../../bot/locales/en.js';
import { useBotWorld } from '../helpers/bot-world.js';
import { businessConnectionUpdate, businessMessageUpdate } from '../helpers/client-updates.js';
import { tgUser } from '../helpers/telegram.js';

const owner = tgUser(1, 'Olga', 'ru');
const anna = tgUser(2, 'Anna', 'en');
const boris = tgUser(3, 'Boris', 'en');
const client = tgUser(601, 'Pavel', 'ru', 'Orlov');
const outsider = tgUser(602, 'Mallory', 'en');

describe('Telegram Business: a manager’s own chats become leads', () => {
  const w = useBotWorld({ owner, managers: [anna, boris] });

  const leadOfClient = async () => {
    const [row] = await w.h.db.select().from(telegramClients).where(eq(telegramClients.telegramId, client.id));
    return row?.leadId ? (await w.h.db.select().from(leads).where(eq(leads.id, row.leadId)))[0] : undefined;
  };

  it('a new person writing to the manager makes a lead assigned to them; both sides are logged; the bot never answers there', async () => {
    await w.bot.handleUpdate(businessConnectionUpdate('bc-anna', anna, true));
    expect(w.api.last(anna.id).text).toBe(en.clients.businessOn);
    const callsBefore = w.api.calls.length;

    await w.bot.handleUpdate(businessMessageUpdate('bc-anna', client, client, { text: 'Hi Anna, do you deliver to Kazan?' }));
    const lead = await leadOfClient();
    expect(lead).toMatchObject({ channel: 'telegram', source: 'telegram:business', name: 'Pavel Orlov', status: 'assigned', assigneeId: await w.memberId(anna) });

    await w.bot.handleUpdate(businessMessageUpdate('bc-anna', client, anna, { text: 'Yes, in two days.' }));
    await w.bot.handleUpdate(businessMessageUpdate('bc-anna', client, client, { photo: 'PHOTO-B', caption: 'this model' }));

    const log = await w.h.db.select().from(clientMessages).where(eq(clientMessages.leadId, lead!.id)).orderBy(clientMessages.at, clientMessages.id);
    expect(log.map((m) => [m.direction, m.kind, m.text, m.via])).toEqual([
      ['in', 'text', 'Hi Anna, do you deliver to Kazan?', `business:${await w.memberId(anna)}`],
      ['out', 'text', 'Yes, in two days.', `business:${await w.memberId(anna)}`],
      ['in', 'photo', 'this model', `business:${await w.memberId(anna)}`],
    ]);
    expect(log[1]!.memberId).toBe(await w.memberId(anna));
    const lines = await w.h.db.select().from(history).where(eq(history.entityId, lead!.id));
    expect(lines.map((l) => l.action).filter((a) => a.startsWith('client_'))).toEqual(['client_message', 'client_reply', 'client_message']);
    // The manager's reply is the lead's first touch.
    const [after] = await w.h.db.select().from(leads).where(eq(leads.id, lead!.id));
    expect(after!.firstTouchedAt).not.toBeNull();
    // Nothing was sent anywhere while the business chat went on.
    expect(w.api.calls.slice(callsBefore)).toEqual([]);
  });

  it('a redelivered business message is logged once; a colleague or the manager’s chat with an unknown person makes no lead', async () => {
    await w.bot.handleUpdate(businessConnectionUpdate('bc-anna', anna, true));
    await w.bot.handleUpdate(businessMessageUpdate('bc-anna', client, client, { text: 'hello' }, { messageId: 42 }));
    await w.bot.handleUpdate(businessMessageUpdate('bc-anna', client, client, { text: 'hello' }, { messageId: 42 }));
    expect(await w.h.db.select().from(clientMessages)).toHaveLength(1);

    await w.bot.handleUpdate(businessMessageUpdate('bc-anna', boris, boris, { text: 'lunch?' }));
    await w.bot.handleUpdate(businessMessageUpdate('bc-anna', outsider, anna, { text: 'Happy birthday!' }));
    expect((await w.h.db.select().from(leads)).map((l) => l.name)).toEqual(['Pavel Orlov']);
  });

  it('a disconnected account stops the logging and the manager is told; a stranger’s connection is ignored', async () => {
    await w.bot.handleUpdate(businessConnectionUpdate('bc-anna', anna, true));
    await w.bot.handleUpdate(businessConnectionUpdate('bc-anna', anna, false));
    expect(w.api.last(anna.id).text).toBe(en.clients.businessOff);
    await w.bot.handleUpdate(businessMessageUpdate('bc-anna', client, client, { text: 'anyone?' }));
    expect(await w.h.db.select().from(leads)).toHaveLength(0);

    await w.bot.handleUpdate(businessConnectionUpdate('bc-x', outsider, true));
    await w.bot.handleUpdate(businessMessageUpdate('bc-x', client, client, { text: 'hello' }));
    expect(await w.h.db.select().from(businessConnections).where(eq(businessConnections.id, 'bc-x'))).toHaveLength(0);
    expect(await w.h.db.select().from(leads)).toHaveLength(0);
    expect(w.api.chat(outsider.id)).toHaveLength(0);
  });
});
