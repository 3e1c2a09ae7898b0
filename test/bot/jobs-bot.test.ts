import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import { activities, leads, tasks } from '../../db/schema/index.js';
import { en } from '../../bot/locales/en.js';
import { ru } from '../../bot/locales/ru.js';
import { sendMorningLists } from '../../src/jobs/morning-list.js';
import { sendReminders } from '../../src/jobs/reminders.js';
import { sendWeeklyReports } from '../../src/jobs/weekly-report.js';
import { convertLead } from '../../src/core/leads/convert-lead.js';
import { coreContext, TestClock } from '../helpers/context.js';
import { outboxRows, testJobContext } from '../helpers/jobs.js';
import { jobsBotWorld, PNG_SIGNATURE } from '../helpers/jobs-bot.js';
import { seedReportWeek } from '../helpers/report-fixture.js';
import { addActivity, addLead, addMember } from '../helpers/seed.js';
import { buttonLabels, callbackUpdate, findButton, textUpdate, tgUser } from '../helpers/telegram.js';

type World = Awaited<ReturnType<typeof jobsBotWorld>>;
const NOW = new Date('2026-11-27T09:45:00Z');

describe('schedule in the bot', () => {
  let w: World;
  let clock: TestClock;
  beforeEach(async () => {
    clock = new TestClock(NOW);
    w = await jobsBotWorld(clock);
  });
  afterEach(() => w.close());

  /** A member as Telegram sees them: seed gives telegram id = chat id. */
  async function member(role: 'manager' | 'owner' | 'head' = 'manager', language: 'ru' | 'en' = 'ru') {
    const id = await addMember(w.h.db, { role, language, name: role === 'owner' ? 'Olga' : 'Anna' });
    const [row] = (await w.h.db.query.members.findMany()).filter((m) => m.id === id);
    return { id, user: tgUser(row!.telegramId, row!.name, language), chatId: row!.chatId };
  }

  it('a converted lead’s step names its deal, with the client’s phone, and its card button opens the deal', async () => {
    const anna = await member('manager', 'en');
    const lead = await addLead(w.h.db, { number: 12, name: 'Ivan', assigneeId: anna.id, status: 'in_progress' });
    await w.h.db.update(leads).set({ phone: '+79991234567' }).where(eq(leads.id, lead));
    await addActivity(w.h.db, { assigneeId: anna.id, leadId: lead, dueAt: new Date('2026-11-27T10:00:00Z'), subject: 'Call Ivan' });
    const actor = { kind: 'member' as const, id: anna.id, label: 'Anna', role: 'manager' as const };
    const { dealId, dealNumber, movedActivities } = await convertLead(coreContext(w.h.db, { actor, clock }), { leadId: lead, title: 'Website' });
    expect(movedActivities).toBe(1);

    await sendReminders(testJobContext(w.h, { clock }), NOW);
    expect(await w.deliver()).toMatchObject({ sent: 1 });
    const reminder = w.api.last(anna.chatId);
    expect(reminder.text).toContain(`deal #${dealNumber} Website, +7 999 123-45-67`);
    expect(reminder.text).not.toContain('lead #12');
    await w.bot.handleUpdate(callbackUpdate(anna.user, reminder, findButton(reminder, en.activityButtons.card).callback_data));
    expect(w.api.last(anna.chatId).text).toContain(`Deal #${dealNumber}`);
    expect(w.api.last(anna.chatId).reply_markup?.inline_keyboard.flat().some((b) => 'callback_data' in b && b.callback_data.includes(dealId))).toBe(true);
  });

  it('a reminder arrives with Done / Snooze / Reschedule; Done on the last step asks for the next one', async () => {
    const anna = await member();
    const lead = await addLead(w.h.db, { number: 12, name: 'Иван', assigneeId: anna.id });
    const call = await addActivity(w.h.db, { assigneeId: anna.id, leadId: lead, dueAt: new Date('2026-11-27T10:00:00Z') });
    await sendReminders(testJobContext(w.h, { clock }), NOW);
    expect(await w.deliver()).toMatchObject({ sent: 1 });
    const reminder = w.api.last(anna.chatId);
    expect(reminder.text).toContain(ru.reminder.soon({ minutes: 15 }));
    expect(reminder.text).toContain('лид #12 Иван');
    expect(buttonLabels(reminder)).toEqual([ru.activityButtons.done, ru.activityButtons.snooze, ru.activityButtons.reschedule, ru.activityButtons.card]);

    await w.bot.handleUpdate(callbackUpdate(anna.user, reminder, findButton(reminder, ru.activityButtons.done).callback_data));
    const ask = w.api.last(anna.chatId);
    expect(ask.text).toBe(ru.rules.next_activity_required);
    await w.bot.handleUpdate(callbackUpdate(anna.user, ask, findButton(ask, ru.buttons.presets.tomorrow10).callback_data));

    const open = await w.h.db.select().from(activities).where(and(eq(activities.leadId, lead), isNull(activities.doneAt)));
    expect(open).toHaveLength(1);
    expect(open[0]!.id).not.toBe(call);
    expect(open[0]!.dueAt.toISOString()).toBe('2026-11-28T07:00:00.000Z');
    expect(w.api.toasts().at(-1)).toContain('✅');
  });

  it('Snooze moves the activity 30 minutes and closes the reminder; a done activity is not reminded', async () => {
    const anna = await member();
    const lead = await addLead(w.h.db, { assigneeId: anna.id });
    const call = await addActivity(w.h.db, { assigneeId: anna.id, leadId: lead, dueAt: new Date('2026-11-27T10:00:00Z') });
    await addActivity(w.h.db, { assigneeId: anna.id, leadId: lead, dueAt: new Date('2026-11-27T09:55:00Z'), subject: 'Gone' });
    await sendReminders(testJobContext(w.h, { clock }), NOW);
    // Done before delivery: its reminder is settled without a message.
    await w.h.db.update(activities).set({ doneAt: NOW }).where(eq(activities.subject, 'Gone'));
    expect(await w.deliver()).toMatchObject({ sent: 1, skipped: 1 });

    const reminder = w.api.last(anna.chatId);
    await w.bot.handleUpdate(callbackUpdate(anna.user, reminder, findButton(reminder, ru.activityButtons.snooze).callback_data));
    const [row] = await w.h.db.select().from(activities).where(eq(activities.id, call));
    expect(row?.dueAt.toISOString()).toBe('2026-11-27T10:30:00.000Z');
    const after = w.api.last(anna.chatId);
    expect(after.text).toContain('💤');
    expect(buttonLabels(after)).toEqual([ru.activityButtons.card]);
  });

  it('the morning list carries numbered Done and Reschedule buttons that act on one item', async () => {
    const mike = await member('manager', 'en');
    const lead = await addLead(w.h.db, { number: 5, name: 'Acme', assigneeId: mike.id });
    const a1 = await addActivity(w.h.db, { assigneeId: mike.id, leadId: lead, dueAt: new Date('2026-11-26T08:00:00Z'), subject: 'Old' });
    await addActivity(w.h.db, { assigneeId: mike.id, leadId: lead, dueAt: new Date('2026-11-27T12:00:00Z'), subject: 'New' });
    await sendMorningLists(testJobContext(w.h, { clock }), new Date('2026-11-27T06:00:00Z'));
    await w.deliver();
    const list = w.api.last(mike.chatId);
    expect(list.text).toContain(en.agenda.overdue);
    expect(list.text.indexOf('Old')).toBeLessThan(list.text.indexOf('New'));
    expect(buttonLabels(list)).toEqual(['✅ 1', '📅 1', '✅ 2', '📅 2']);

    await w.bot.handleUpdate(callbackUpdate(mike.user, list, findButton(list, '✅ 1').callback_data));
    expect(buttonLabels(w.api.chat(mike.chatId)[0]!)).toEqual(['✅ 2', '📅 2']);
    const [done] = await w.h.db.select().from(activities).where(eq(activities.id, a1));
    expect(done?.doneAt).toEqual(NOW);

    await w.bot.handleUpdate(callbackUpdate(mike.user, list, findButton(w.api.chat(mike.chatId)[0]!, '📅 2').callback_data));
    const ask = w.api.last(mike.chatId);
    expect(ask.text).toContain('New');
    await w.bot.handleUpdate(callbackUpdate(mike.user, ask, findButton(ask, en.buttons.presets['3d']).callback_data));
    expect(w.api.last(mike.chatId).text).toContain('📅');
  });

  it("another manager's button answers with a refusal and changes nothing", async () => {
    const anna = await member();
    const other = await member();
    const call = await addActivity(w.h.db, { assigneeId: anna.id, dueAt: new Date('2026-11-27T10:00:00Z') });
    await sendReminders(testJobContext(w.h, { clock }), NOW);
    await w.deliver();
    await w.bot.handleUpdate(callbackUpdate(other.user, w.api.last(anna.chatId), `az:${call}`));
    expect(w.api.toasts().at(-1)).toBe(ru.activity.forbidden);
  });

  it('the weekly report is sent as a photo of the chart with the figures as its caption', async () => {
    const { owner } = await seedReportWeek(w.h.db);
    await sendWeeklyReports(testJobContext(w.h, { clock }), new Date('2026-11-23T06:00:00Z'));
    expect((await outboxRows(w.h, 'weekly_report'))[0]?.memberId).toBe(owner);
    expect(await w.deliver()).toMatchObject({ sent: 1 });
    expect(w.photos).toHaveLength(1);
    const [photo] = w.photos;
    expect(Buffer.from(photo!.body).indexOf(PNG_SIGNATURE)).toBeGreaterThan(0);
    expect(photo!.body.byteLength).toBeGreaterThan(10_000);
    expect(photo!.caption).toContain(ru.report.newLeads({ total: 5, converted: 2, share: '40%' }));
    expect(photo!.caption).toContain('15 мин');
    expect(w.api.calls.filter((c) => c.method === 'sendPhoto')).toHaveLength(1);
  });

  it('/report shows "sending a photo" at once; the runner draws the chart and sends it once, even when its task is run again', async () => {
    const owner = await member('owner');
    await addLead(w.h.db, { createdAt: new Date('2026-11-25T08:00:00Z') });
    w.background.autoRunTasks = false;
    await w.bot.handleUpdate(textUpdate(owner.user, '/report week'));
    expect(w.api.sent('sendChatAction').at(-1)).toMatchObject({ chat_id: owner.chatId, action: 'upload_photo' });
    expect(w.photos).toHaveLength(0);
    expect(await w.h.db.select({ kind: tasks.kind, state: tasks.state }).from(tasks)).toEqual([{ kind: 'report', state: 'queued' }]);

    expect(await w.background.runPromptTasks()).toBe(1);
    expect(w.photos).toHaveLength(1);
    expect(w.photos[0]!.caption).toContain(ru.report.newLeads({ total: 1, converted: 0, share: '0%' }));
    // As if the process died after the photo went and its progress was saved, before the task was closed.
    await w.h.db.update(tasks).set({ state: 'queued' });
    expect(await w.background.runPromptTasks()).toBe(1);
    expect(w.photos).toHaveLength(1);
  });

  it('/report week answers the owner with a chart and refuses a manager; /audit summarises the forgotten', async () => {
    const owner = await member('owner');
    const anna = await member();
    const lead = await addLead(w.h.db, { assigneeId: anna.id, createdAt: new Date('2026-11-25T08:00:00Z') });
    void lead;
    await w.bot.handleUpdate(textUpdate(owner.user, '/report week'));
    expect(w.photos).toHaveLength(1);
    expect(w.photos[0]!.caption).toContain(ru.report.title);
    await w.bot.handleUpdate(textUpdate(anna.user, '/report week'));
    expect(w.api.last(anna.user.id).text).toBe(ru.report.leadershipOnly);
    await w.bot.handleUpdate(textUpdate(owner.user, '/report year'));
    expect(w.api.last(owner.user.id).text).toBe(ru.report.usage);

    await w.bot.handleUpdate(textUpdate(owner.user, '/audit'));
    expect(w.api.last(owner.user.id).text).toContain(ru.forgotten.memberLine({ name: 'Anna', noNext: 1, overdue: 0 }));
  });
});
