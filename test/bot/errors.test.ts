import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { activities } from '../../db/schema/index.js';
import { en } from '../../bot/locales/en.js';
import { ru } from '../../bot/locales/ru.js';
import { TEAM_CHAT, useBotWorld } from '../helpers/bot-world.js';
import { tgUser } from '../helpers/telegram.js';

const owner = tgUser(1, 'Olga', 'ru');
const mike = tgUser(3, 'Mike', 'en');

describe('errors and startup', () => {
  const w = useBotWorld({ owner, managers: [mike] });

  it('an unexpected failure answers a short sentence in the member’s language, never a stack trace', async () => {
    await w.lead();
    await w.deliver();
    await w.tap(mike, ru.buttons.take, w.api.last(TEAM_CHAT));
    w.api.failWith = (method) => (method === 'editMessageText' ? { error_code: 400, description: 'Bad Request: message to edit not found' } : undefined);
    await w.tap(mike, en.buttons.call);
    expect(w.api.toasts().at(-1)).toBe(en.errorGeneric);
    w.api.failWith = undefined;
    // The bot keeps working afterwards.
    await w.send(mike, '/leads');
    expect(w.api.last(mike.id).text).toBe(en.leads.title({ total: 1 }));
  });

  it('a broken house rule is explained in English to an English-speaking member', async () => {
    const lead = await w.lead();
    await w.deliver();
    await w.tap(mike, ru.buttons.take, w.api.last(TEAM_CHAT));
    await w.h.db.update(activities).set({ doneAt: w.deps.now() }).where(eq(activities.leadId, lead.id));
    await w.tap(mike, en.buttons.status);
    await w.tap(mike, en.statuses.call_back);
    expect(w.api.toasts().at(-1)).toBe(en.rules.next_activity_required);
    // Typing the date finishes the change.
    await w.send(mike, 'tomorrow 11:00');
    expect(w.api.last(mike.id).text).toContain(en.status.changed({ status: en.statuses.call_back }));
  });

  it('a command drops the input the bot was waiting for', async () => {
    await w.send(mike, '/new');
    await w.send(mike, '/leads');
    await w.send(mike, 'Some text');
    expect(w.api.last(mike.id).text).toBe(en.unknownInput);
  });
});
