import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { contacts, leads } from '../../db/schema/index.js';
import { en } from '../../bot/locales/en.js';
import { ru } from '../../bot/locales/ru.js';
import { renderMorningList } from '../../bot/render/morning-list.js';
import { formatPhone } from '../../src/core/shared/phone.js';
import { TEAM_CHAT, useBotWorld } from '../helpers/bot-world.js';
import { dealBotWorld } from '../helpers/deal-bot.js';
import { tgUser } from '../helpers/telegram.js';

describe('formatPhone: a stored E.164 number as its country writes it', () => {
  it('groups Russian and Kazakh numbers with dashes, others in the international format', () => {
    expect(formatPhone('+79991234567')).toBe('+7 999 123-45-67');
    expect(formatPhone('+74951112233')).toBe('+7 495 111-22-33');
    expect(formatPhone('+77012345678')).toBe('+7 701 234-56-78');
    expect(formatPhone('+442079460958')).toBe('+44 20 7946 0958');
    expect(formatPhone('+375291234567')).toBe('+375 29 123-45-67');
    expect(formatPhone('+12025550123')).toBe('+1 202 555-0123');
    expect(formatPhone('+4930123456')).toBe('+49 30 123456');
    expect(formatPhone('not a phone')).toBe('not a phone');
  });
});

describe('bot: phones on cards and lists', () => {
  const olga = tgUser(501, 'Olga');
  const anna = tgUser(502, 'Anna');
  const w = useBotWorld({ owner: olga, managers: [anna] }, dealBotWorld);

  it('shows +7 999 123-45-67 on the lead card, the deal card and the contact card; stores +79991234567', async () => {
    const lead = await w.lead({ name: 'Иван', phone: '8 (999) 123-45-67 доб. 204', companyName: 'Ромашка' });
    await w.deliver();
    const teamCard = w.api.last(TEAM_CHAT).text;
    // The group sees no phone (issue 11); the taker's private card shows it formatted.
    expect(teamCard).toContain('Иван');
    expect(teamCard).not.toContain('999');

    await w.tap(anna, /^take:/, w.api.last(TEAM_CHAT));
    expect(w.api.last(anna.id).text).toContain('📞 +7 999 123-45-67 доб. 204');
    const [row] = await w.h.db.select().from(leads).where(eq(leads.id, lead.id));
    expect(row).toMatchObject({ phone: '+79991234567', phoneExt: '204' });

    await w.tap(anna, /^cv:/);
    await w.tap(anna, /^cvy:/);
    expect(w.api.last(anna.id).text).toContain('Иван · +7 999 123-45-67');
    const [contact] = await w.h.db.select().from(contacts);
    expect(contact?.phone).toBe('+79991234567');

    await w.send(anna, '/contacts Иван');
    expect(w.api.last(anna.id).reply_markup?.inline_keyboard.flat().map((b) => b.text)).toContain('👤 Иван · +7 999 123-45-67');
  });

  it('puts the phone to call on the morning list line', () => {
    const item = {
      activityId: 'a1',
      kind: 'call' as const,
      subject: 'first_contact',
      dueAt: '2026-12-02T07:00:00.000Z',
      lead: { id: 'l1', number: 12, name: 'Иван', phone: '+79991234567' },
      deal: null,
    };
    const payload = { overdue: [], today: [item], more: 0, date: '2026-12-02', timeZone: 'Europe/Moscow', poolCount: 0 };
    expect(renderMorningList(payload, ru, new Date('2026-12-02T05:00:00Z')).text).toContain('лид #12 Иван, +7 999 123-45-67');
    expect(renderMorningList(payload, en, new Date('2026-12-02T05:00:00Z')).text).toContain('lead #12 Иван, +7 999 123-45-67');
  });
});
