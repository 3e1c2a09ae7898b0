import { describe, expect, it } from 'vitest';
import { and, eq, isNull, isNotNull } from 'drizzle-orm';
import { activities, history, leads } from '../../db/schema/index.js';
import { en } from '../../bot/locales/en.js';
import { ru } from '../../bot/locales/ru.js';
import { TEAM_CHAT, type BotWorld, useBotWorld } from '../helpers/bot-world.js';
import { buttonLabels, tgUser } from '../helpers/telegram.js';

const owner = tgUser(1, 'Olga', 'ru');
const anna = tgUser(2, 'Anna', 'ru');
const mike = tgUser(3, 'Mike', 'en');

/** Anna has taken a fresh lead and looks at its card in her private chat. Clock: 27.11.2026 12:00 Moscow. */
async function annaTakesALead(w: BotWorld, input = {}) {
  const lead = await w.lead(input);
  await w.deliver();
  await w.tap(anna, ru.buttons.take, w.api.last(TEAM_CHAT));
  w.taps.clear();
  return lead;
}

const openActivities = (w: BotWorld, leadId: string) =>
  w.h.db.select().from(activities).where(and(eq(activities.leadId, leadId), isNull(activities.doneAt)));

describe('working a lead in the bot', () => {
  const w = useBotWorld({ owner, managers: [anna, mike] });

  it('logs a call in 3 taps: outcome, next step preset; the next text is a note', async () => {
    const lead = await annaTakesALead(w);
    await w.tap(anna, ru.buttons.call);
    expect(buttonLabels(w.api.last(anna.id))).toEqual(expect.arrayContaining(Object.values(ru.outcomes)));
    await w.tap(anna, ru.outcomes.no_answer);
    expect(w.api.last(anna.id).text).toContain(ru.call.chooseNext);
    await w.tap(anna, ru.buttons.presets.tomorrow10);
    expect(w.taps.get(anna.id)).toBe(3);

    const [row] = await w.h.db.select().from(leads).where(eq(leads.id, lead.id));
    expect(row?.status).toBe('unreachable');
    const done = await w.h.db.select().from(activities).where(and(eq(activities.leadId, lead.id), isNotNull(activities.doneAt)));
    expect(done).toMatchObject([{ kind: 'call', result: 'no_answer', subject: 'first_contact' }]);
    const open = await openActivities(w, lead.id);
    // Tomorrow 10:00 in Moscow is 07:00 UTC.
    expect(open.map((a) => a.dueAt.toISOString())).toEqual(['2026-11-28T07:00:00.000Z']);
    expect(w.api.last(anna.id).text).toContain(ru.call.logged({ next: '28.11 10:00' }));

    await w.send(anna, 'Не берёт трубку, попробую завтра');
    expect(w.api.last(anna.id).text).toBe(ru.note.saved({ number: lead.number }));
    const notes = await w.h.db.select().from(history).where(and(eq(history.entityId, lead.id), eq(history.action, 'note')));
    expect(notes[0]?.changes).toEqual({ text: 'Не берёт трубку, попробую завтра' });
  });

  it('takes a typed date instead of the third tap, in the member’s time zone, and asks again on nonsense', async () => {
    const lead = await annaTakesALead(w);
    await w.tap(anna, ru.buttons.call);
    await w.tap(anna, ru.outcomes.reached);
    await w.send(anna, 'когда-нибудь');
    expect(w.api.last(anna.id).text).toBe(ru.call.badDate);
    await w.send(anna, '28.11 15:00');
    const [row] = await w.h.db.select().from(leads).where(eq(leads.id, lead.id));
    expect(row?.status).toBe('in_progress');
    expect((await openActivities(w, lead.id)).map((a) => a.dueAt.toISOString())).toEqual(['2026-11-28T12:00:00.000Z']);
  });

  it('a wrong number offers junk reasons right away: 3 taps to close the lead', async () => {
    const lead = await annaTakesALead(w);
    await w.tap(anna, ru.buttons.call);
    await w.tap(anna, ru.outcomes.wrong_number);
    await w.tap(anna, ru.buttons.junkAs({ reason: ru.junkReasons.not_our_client }));
    expect(w.taps.get(anna.id)).toBe(3);
    const [row] = await w.h.db.select().from(leads).where(eq(leads.id, lead.id));
    expect(row).toMatchObject({ status: 'junk', junkReason: 'not_our_client' });
    expect(await openActivities(w, lead.id)).toHaveLength(0);
  });

  it('changes a status in 2 taps when a next step exists', async () => {
    const lead = await annaTakesALead(w);
    await w.tap(anna, ru.buttons.status);
    await w.tap(anna, ru.statuses.clarifying);
    expect(w.taps.get(anna.id)).toBe(2);
    expect((await w.h.db.select().from(leads).where(eq(leads.id, lead.id)))[0]?.status).toBe('clarifying');
    expect(w.api.last(anna.id).text).toContain(ru.status.changed({ status: ru.statuses.clarifying }));
  });

  it('refuses a status change without a next step, explains why and completes it with a preset (3 taps)', async () => {
    const lead = await annaTakesALead(w);
    // The next step was done elsewhere (a reminder's Done button) and nothing was planned.
    await w.h.db.update(activities).set({ doneAt: w.deps.now() }).where(eq(activities.leadId, lead.id));
    await w.tap(anna, ru.buttons.status);
    await w.tap(anna, ru.statuses.in_progress);
    expect((await w.h.db.select().from(leads).where(eq(leads.id, lead.id)))[0]?.status).toBe('assigned');
    expect(w.api.toasts().at(-1)).toBe(ru.rules.next_activity_required);
    const card = w.api.last(anna.id);
    expect(card.text).toContain(ru.rules.next_activity_required);
    expect(buttonLabels(card)).toEqual(expect.arrayContaining(Object.values(ru.buttons.presets)));

    await w.tap(anna, ru.buttons.presets['3d']);
    expect(w.taps.get(anna.id)).toBe(3);
    expect((await w.h.db.select().from(leads).where(eq(leads.id, lead.id)))[0]?.status).toBe('in_progress');
    expect((await openActivities(w, lead.id)).map((a) => a.dueAt.toISOString())).toEqual(['2026-11-30T07:00:00.000Z']);
  });

  it('junks with a reason in 2 taps; open activities close; an old card answers with the current one', async () => {
    const lead = await annaTakesALead(w);
    const staleCard = structuredClone(w.api.last(anna.id));
    await w.tap(anna, ru.buttons.junk);
    expect(buttonLabels(w.api.last(anna.id))).toEqual(expect.arrayContaining(Object.values(ru.junkReasons)));
    await w.tap(anna, ru.junkReasons.spam);
    expect(w.taps.get(anna.id)).toBe(2);
    const [row] = await w.h.db.select().from(leads).where(eq(leads.id, lead.id));
    expect(row).toMatchObject({ status: 'junk', junkReason: 'spam' });
    expect(row?.closedAt).not.toBeNull();
    expect(await openActivities(w, lead.id)).toHaveLength(0);
    expect(w.api.last(anna.id).text).toContain(ru.junk.done({ number: lead.number }));
    expect(buttonLabels(w.api.last(anna.id))).not.toContain(ru.buttons.call);

    // Pressing "Log call" on the card as it was before: no failure, the current card instead.
    await w.tap(anna, ru.buttons.call, staleCard);
    expect(w.api.toasts().at(-1)).toBe(ru.errorChanged);
    const edited = w.api.messages.find((m) => m.message_id === staleCard.message_id)!;
    expect(edited.text).toContain(ru.statuses.junk);
    expect(buttonLabels(edited)).not.toContain(ru.buttons.call);
  });

  it('a text reply to a lead card becomes a note; History shows the whole timeline', async () => {
    const lead = await annaTakesALead(w);
    await w.send(anna, 'Просил КП на 10 позиций', { replyTo: w.api.last(anna.id) });
    expect(w.api.last(anna.id).text).toBe(ru.note.saved({ number: lead.number }));
    await w.send(anna, '/leads');
    await w.tap(anna, `#${lead.number}`);
    await w.tap(anna, ru.buttons.history);
    const page = w.api.last(anna.id).text;
    expect(page).toContain(ru.history.title({ number: lead.number, page: 1, pages: 1 }));
    for (const line of [ru.history.createdOf.lead, ru.history.actions.taken, ru.history.note({ text: 'Просил КП на 10 позиций' })]) {
      expect(page).toContain(line);
    }
  });

  it('a History page of long notes still fits one Telegram message', async () => {
    const lead = await annaTakesALead(w);
    const card = w.api.last(anna.id);
    for (let i = 0; i < 10; i++) await w.send(anna, `${i} ${'длинная заметка '.repeat(300)}`, { replyTo: card });
    await w.send(anna, '/leads');
    await w.tap(anna, `#${lead.number}`);
    await w.tap(anna, ru.buttons.history);
    const page = w.api.last(anna.id).text;
    expect(page).toContain(ru.history.title({ number: lead.number, page: 1, pages: 2 }));
    expect(page.length).toBeLessThanOrEqual(4096);
    expect(page).toContain('…');
  });

  it('a manager cannot see or act on another manager’s lead, through search or buttons', async () => {
    const lead = await annaTakesALead(w, { name: 'Anna Client', phone: '+79995556677' });
    const annasCard = w.api.last(anna.id);
    await w.send(mike, `/find #${lead.number}`);
    expect(w.api.last(mike.id).text).toBe(en.find.none);
    await w.send(mike, '/find 89995556677');
    expect(w.api.last(mike.id).text).toBe(en.find.none);

    for (const label of [ru.buttons.call, ru.buttons.junk, ru.buttons.history]) {
      await w.tap(mike, label, annasCard);
      expect(w.api.toasts().at(-1)).toBe(en.errorForbidden);
    }
    await w.send(mike, 'note?', { replyTo: annasCard });
    expect(w.api.last(mike.id).text).toBe(en.errorForbidden);
    const [row] = await w.h.db.select().from(leads).where(eq(leads.id, lead.id));
    expect(row).toMatchObject({ status: 'assigned', assigneeId: await w.memberId(anna) });
    expect(await w.h.db.select().from(history).where(and(eq(history.entityId, lead.id), eq(history.actorLabel, 'Mike')))).toHaveLength(0);

    // The owner sees everything.
    await w.send(owner, `/find ${lead.number}`);
    expect(w.api.last(owner.id).text).toContain('Anna Client');
  });

  it('/find by a phone written differently from how it was stored, by name, company and email', async () => {
    const lead = await w.lead({ name: 'Пётр Сидоров', phone: '+7 (912) 345-67-89', companyName: 'ООО «Вектор»', email: 'petr@vector.ru' });
    for (const query of ['8 912 345 67 89', '89123456789', '+79123456789', '345-67-89', 'сидоров', 'вектор', 'PETR@vector.ru']) {
      await w.send(anna, `/find ${query}`);
      expect(w.api.last(anna.id).text, query).toContain(ru.card.title({ number: lead.number }));
    }
    await w.send(anna, '/find 0000000');
    expect(w.api.last(anna.id).text).toBe(ru.find.none);
  });

  it('/leads lists my open leads by next step, overdue first with a marker, in pages', async () => {
    const first = await annaTakesALead(w);
    const second = await annaTakesALead(w);
    // The second lead's call is moved later; the first one's becomes overdue.
    await w.h.db.update(activities).set({ dueAt: new Date('2026-11-29T07:00:00Z') }).where(eq(activities.leadId, second.id));
    w.deps.clock.advance(60 * 60_000);
    await w.send(anna, '/leads');
    const list = w.api.last(anna.id);
    expect(list.text).toBe(ru.leads.title({ total: 2 }));
    expect(buttonLabels(list)).toEqual([`⚠️ #${first.number} Client 1 · 27.11 12:15`, `#${second.number} Client 2 · 29.11 10:00`]);

    for (let i = 0; i < 11; i++) await annaTakesALead(w);
    await w.send(anna, '/leads');
    expect(w.api.last(anna.id).text).toBe(`${ru.leads.title({ total: 13 })} (1/2)`);
    await w.tap(anna, ru.buttons.next);
    expect(w.api.last(anna.id).text).toBe(`${ru.leads.title({ total: 13 })} (2/2)`);
    expect(buttonLabels(w.api.last(anna.id)).filter((l) => l.includes('#'))).toHaveLength(3);
  });

  it('/new: name, phone, channel by button; a known phone joins the open lead', async () => {
    await w.send(mike, '/new');
    await w.send(mike, 'Walk-in Customer');
    await w.send(mike, '8 (903) 111-22-33');
    await w.tap(mike, en.channels.cold_call);
    const [row] = await w.h.db.select().from(leads);
    expect(row).toMatchObject({ name: 'Walk-in Customer', phone: '+79031112233', channel: 'cold_call', assigneeId: await w.memberId(mike) });
    expect(w.api.last(mike.id).text).toContain(en.card.title({ number: row!.number }));
    // Entered by hand and already taken: the team chat is not told.
    expect(await w.deliver()).toMatchObject({ sent: 0, skipped: 1 });

    await w.send(mike, '/new');
    await w.send(mike, 'Same Person');
    await w.send(mike, '+7 903 111 22 33');
    await w.tap(mike, en.channels.manual);
    expect(await w.h.db.select().from(leads)).toHaveLength(1);
    expect(w.api.chat(mike.id).map((m) => m.text)).toContain(en.newLead.joined({ number: row!.number }));
  });

  it('/lang switches the language of every reply', async () => {
    await w.send(anna, '/lang');
    await w.tap(anna, 'English');
    expect(w.api.last(anna.id).text).toContain(en.lang.changed);
    await w.send(anna, '/leads');
    expect(w.api.last(anna.id).text).toBe(en.leads.empty);
    await w.send(anna, '/lang');
    await w.tap(anna, 'Русский');
    await w.send(anna, '/leads');
    expect(w.api.last(anna.id).text).toBe(ru.leads.empty);
  });
});
