import { describe, expect, it } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import { activities, botSessions, history } from '../../db/schema/index.js';
import { createBot } from '../../bot/create-bot.js';
import { unlimited } from '../../bot/outbox/rate-limiter.js';
import { ru } from '../../bot/locales/ru.js';
import { TEAM_CHAT, useBotWorld } from '../helpers/bot-world.js';
import { testBotInfo, textUpdate, tgUser } from '../helpers/telegram.js';

const owner = tgUser(1, 'Olga', 'ru');
const anna = tgUser(2, 'Anna', 'ru');

describe('multi-step input lives in the database', () => {
  const w = useBotWorld({ owner, managers: [anna] });

  it('a flow started on one instance is finished by another (a second process, a fresh isolate)', async () => {
    const lead = await w.lead();
    await w.deliver();
    await w.tap(anna, ru.buttons.take, w.api.last(TEAM_CHAT));
    await w.tap(anna, ru.buttons.call);
    await w.tap(anna, ru.outcomes.busy);
    const [stored] = await w.h.db.select().from(botSessions).where(eq(botSessions.key, `${anna.id}:${anna.id}`));
    expect(JSON.parse(stored!.value)).toEqual({ pending: { kind: 'call_next', leadId: lead.id, outcome: 'busy' } });

    const other = createBot({ ...w.deps, token: '123:TEST', botInfo: testBotInfo, fetch: w.api.fetch as never, limiter: unlimited() });
    await other.handleUpdate(textUpdate(anna, 'завтра 11:00'));
    const open = await w.h.db.select().from(activities).where(and(eq(activities.leadId, lead.id), isNull(activities.doneAt)));
    expect(open.map((a) => a.dueAt.toISOString())).toEqual(['2026-11-28T08:00:00.000Z']);
  });

  it('the note offered after a call goes stale: text an hour later is not filed under the lead', async () => {
    const lead = await w.lead();
    await w.deliver();
    await w.tap(anna, ru.buttons.take, w.api.last(TEAM_CHAT));
    await w.tap(anna, ru.buttons.call);
    await w.tap(anna, ru.outcomes.reached);
    await w.tap(anna, ru.buttons.presets['2h']);
    w.deps.clock.advance(60 * 60_000);
    await w.send(anna, 'купить молоко');
    expect(w.api.last(anna.id).text).toBe(ru.unknownInput);
    expect(await w.h.db.select().from(history).where(and(eq(history.entityId, lead.id), eq(history.action, 'note')))).toHaveLength(0);
  });
});
