import { describe, expect, it } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import { activities, history, leads } from '../../db/schema/index.js';
import { en } from '../../bot/locales/en.js';
import { ru } from '../../bot/locales/ru.js';
import { botWorld, TEAM_CHAT, useBotWorld, joinTeam } from '../helpers/bot-world.js';
import { buttonLabels, callbackUpdate, findButton, tgUser } from '../helpers/telegram.js';

const owner = tgUser(1, 'Olga', 'ru');
const anna = tgUser(2, 'Anna', 'ru');
const mike = tgUser(3, 'Mike', 'en');

describe('new lead in the team chat, and Take', () => {
  const w = useBotWorld({ owner, managers: [anna, mike] });

  it('an intake lead reaches the team chat as a short card with a Take button: no contacts for the whole group', async () => {
    const lead = await w.lead({ name: 'Иван Петров', phone: '8 (999) 123-45-67', email: 'ivan@example.com', utmSource: 'yandex', companyName: 'Ромашка' });
    const report = await w.deliver();
    expect(report).toMatchObject({ claimed: 1, sent: 1 });
    const card = w.api.last(TEAM_CHAT);
    expect(card.text).toContain(ru.notify.newLead);
    expect(card.text).toContain(`${ru.card.title({ number: lead.number })}`);
    // Number, first name, channel and source, how long it waits; contacts go to the taker only.
    for (const part of ['Иван', ru.channels.site_form, 'yandex', ru.teamChat.waited({ minutes: 0 })]) expect(card.text).toContain(part);
    for (const part of ['Петров', '+79991234567', '123-45-67', 'ivan@example.com']) expect(card.text).not.toContain(part);
    expect(buttonLabels(card)).toEqual([ru.buttons.take]);
    expect(w.api.sent('sendMessage').filter((p) => p.chat_id === TEAM_CHAT)).toMatchObject([{ parse_mode: 'HTML' }]);
    // Delivered once: a second run finds nothing due.
    expect(await w.deliver()).toMatchObject({ claimed: 0 });
  });

  it('two managers press Take at once: exactly one wins, the other is told who took it', async () => {
    const lead = await w.lead();
    await w.deliver();
    const card = w.api.last(TEAM_CHAT);
    const data = findButton(card, ru.buttons.take).callback_data;
    await Promise.all([w.bot.handleUpdate(callbackUpdate(anna, card, data)), w.bot.handleUpdate(callbackUpdate(mike, card, data))]);

    const [row] = await w.h.db.select().from(leads).where(eq(leads.id, lead.id));
    const winner = row!.assigneeId === (await w.memberId(anna)) ? anna : mike;
    const loser = winner === anna ? mike : anna;
    expect(row).toMatchObject({ status: 'assigned' });
    expect(row!.firstTouchedAt).not.toBeNull();
    const takes = await w.h.db.select().from(history).where(and(eq(history.entityId, lead.id), eq(history.action, 'taken')));
    expect(takes).toHaveLength(1);

    const toasts = w.api.sent('answerCallbackQuery');
    const loserT = loser === mike ? en : ru;
    expect(toasts.map((t) => t.text)).toContain(loserT.take.takenByOther({ name: winner.first_name }));
    // The team card shrinks to who took it, and has no button left.
    expect(w.api.last(TEAM_CHAT).text).toContain(ru.teamChat.takenBy({ number: lead.number, name: winner.first_name, minutes: 0 }));
    expect(w.api.last(TEAM_CHAT).reply_markup).toBeUndefined();
    // The winner has the full card privately; the loser got no card.
    const winnerT = winner === mike ? en : ru;
    expect(buttonLabels(w.api.last(winner.id))).toContain(winnerT.buttons.call);
    expect(w.api.chat(loser.id).some((m) => m.text.includes(`#${lead.number}`))).toBe(false);
    // The lead's first-contact call now belongs to the taker.
    const open = await w.h.db.select().from(activities).where(and(eq(activities.leadId, lead.id), isNull(activities.doneAt)));
    expect(open.map((a) => a.assigneeId)).toEqual([row!.assigneeId]);
  });

  it('Take is one tap', async () => {
    await w.lead();
    await w.deliver();
    w.taps.clear();
    await w.tap(anna, ru.buttons.take, w.api.last(TEAM_CHAT));
    expect(w.taps.get(anna.id)).toBe(1);
    expect(w.api.toasts()).toContain(ru.take.taken({ number: 1 }));
  });

  it('round-robin: the next manager (least recently assigned) gets the card privately', async () => {
    const rr = await botWorld({ ASSIGNMENT: 'round_robin' });
    try {
      await joinTeam(rr, { owner, managers: [anna, mike] });
      await rr.lead();
      await rr.lead();
      await rr.lead();
      expect(await rr.deliver()).toMatchObject({ sent: 3 });
      const rows = await rr.h.db.select({ assigneeId: leads.assigneeId, status: leads.status }).from(leads).orderBy(leads.number);
      const a = await rr.memberId(anna);
      const m = await rr.memberId(mike);
      expect(rows.map((r) => r.assigneeId)).toEqual([a, m, a]);
      expect(rows.every((r) => r.status === 'assigned')).toBe(true);
      expect(rr.api.chat(anna.id).filter((x) => x.text.includes(ru.notify.newLead))).toHaveLength(2);
      expect(rr.api.chat(mike.id).filter((x) => x.text.includes(en.notify.newLead))).toHaveLength(1);
      expect(rr.api.chat(TEAM_CHAT)).toHaveLength(0);
    } finally {
      rr.close();
    }
  });

  it('a repeat request on a taken lead notifies its manager', async () => {
    const lead = await w.lead({ phone: '+79990001122' });
    await w.deliver();
    await w.tap(mike, ru.buttons.take, w.api.last(TEAM_CHAT));
    await w.lead({ phone: '8 999 000 11 22', comment: 'again' });
    await w.deliver();
    const last = w.api.last(mike.id);
    expect(last.text).toContain(en.notify.repeat);
    expect(last.text).toContain(`#${lead.number}`);
  });
});
