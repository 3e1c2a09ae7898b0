import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { activities } from '../../db/schema/index.js';
import { ru } from '../../bot/locales/ru.js';
import { sendReminders } from '../../src/jobs/reminders.js';
import { TestClock } from '../helpers/context.js';
import { testJobContext } from '../helpers/jobs.js';
import { jobsBotWorld } from '../helpers/jobs-bot.js';
import { addActivity, addLead, addMember } from '../helpers/seed.js';
import { buttonLabels, callbackUpdate, findButton, textUpdate, tgUser } from '../helpers/telegram.js';

type World = Awaited<ReturnType<typeof jobsBotWorld>>;
const NOW = new Date('2026-11-27T09:45:00Z');

describe('bot: Reschedule on a reminder takes a typed date', () => {
  let w: World;
  let clock: TestClock;
  let anna: { id: string; user: ReturnType<typeof tgUser>; chatId: number };
  let call: string;
  beforeEach(async () => {
    clock = new TestClock(NOW);
    w = await jobsBotWorld(clock);
    const id = await addMember(w.h.db, { role: 'manager', language: 'ru', name: 'Anna' });
    const row = (await w.h.db.query.members.findMany()).find((m) => m.id === id)!;
    anna = { id, user: tgUser(row.telegramId, row.name, 'ru'), chatId: row.chatId };
    const lead = await addLead(w.h.db, { number: 7, name: 'Иван', assigneeId: id });
    call = await addActivity(w.h.db, { assigneeId: id, leadId: lead, dueAt: new Date('2026-11-27T10:00:00Z') });
    await sendReminders(testJobContext(w.h, { clock }), NOW);
    await w.deliver();
    const reminder = w.api.last(anna.chatId);
    await w.bot.handleUpdate(callbackUpdate(anna.user, reminder, findButton(reminder, ru.activityButtons.reschedule).callback_data));
  });
  afterEach(() => w.close());

  const dueOf = async () => (await w.h.db.select().from(activities).where(eq(activities.id, call)))[0]!.dueAt.toISOString();

  it('a typed date moves the activity in the member’s zone and settles the question', async () => {
    const prompt = w.api.last(anna.chatId);
    expect(prompt.text).toContain('28.11 15:00');
    expect(buttonLabels(prompt)).toContain(ru.buttons.presets['3d']);
    await w.bot.handleUpdate(textUpdate(anna.user, 'послезавтра в 9'));
    expect(w.api.last(anna.chatId).text).toBe(ru.call.badDate);
    await w.bot.handleUpdate(textUpdate(anna.user, 'завтра 15:00'));
    expect(await dueOf()).toBe('2026-11-28T12:00:00.000Z');
    const line = ru.activity.rescheduled({ time: '28.11 15:00' });
    expect(w.api.last(anna.chatId).text).toBe(line);
    const settled = w.api.messages.find((m) => m.message_id === prompt.message_id)!;
    expect(settled.text).toBe(line);
    expect(buttonLabels(settled)).toEqual([]);
    // Answered once: more text is not another date for it.
    await w.bot.handleUpdate(textUpdate(anna.user, '29.11 10:00'));
    expect(await dueOf()).toBe('2026-11-28T12:00:00.000Z');
  });

  it('the question goes stale: a date typed an hour later is not taken for it', async () => {
    clock.advance(60 * 60_000);
    await w.bot.handleUpdate(textUpdate(anna.user, 'завтра 15:00'));
    expect(await dueOf()).toBe('2026-11-27T10:00:00.000Z');
    expect(w.api.last(anna.chatId).text).toBe(ru.unknownInput);
  });
});
