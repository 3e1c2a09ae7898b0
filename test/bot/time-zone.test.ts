import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { activities, members } from '../../db/schema/index.js';
import { en } from '../../bot/locales/en.js';
import { ru } from '../../bot/locales/ru.js';
import { sendMorningLists } from '../../src/jobs/morning-list.js';
import { TEAM_CHAT, useBotWorld } from '../helpers/bot-world.js';
import { outboxRows, testJobContext } from '../helpers/jobs.js';
import { tgUser } from '../helpers/telegram.js';

const olga = tgUser(1101, 'Olga', 'ru');
const mike = tgUser(1102, 'Mike', 'en');

describe('bot: /tz', () => {
  const w = useBotWorld({ owner: olga, managers: [mike] });

  const zoneOf = async (user: typeof mike) =>
    (await w.h.db.select().from(members).where(eq(members.telegramId, user.id)))[0]?.timeZone;

  it('stores the member’s zone; the morning list then comes at 09:00 there and cards show its times', async () => {
    await w.send(mike, '/tz');
    expect(w.api.last(mike.id).text).toContain('Europe/Moscow');
    await w.send(mike, '/tz Mars/Olympus');
    expect(w.api.last(mike.id).text).toBe(en.tz.unknown);
    expect(await zoneOf(mike)).toBe('Europe/Moscow');

    await w.send(mike, '/tz Asia/Vladivostok');
    expect(await zoneOf(mike)).toBe('Asia/Vladivostok');
    // The clock stands at 27.11 09:00 UTC: 19:00 in Vladivostok.
    expect(w.api.last(mike.id).text).toBe(en.tz.changed({ zone: 'Asia/Vladivostok', time: '27/11 19:00' }));

    // A lead taken now: its first-contact call is due in 15 minutes, shown in Vladivostok time.
    await w.lead();
    await w.deliver();
    await w.tap(mike, ru.buttons.take, w.api.last(TEAM_CHAT));
    expect(w.api.last(mike.id).text).toContain('27/11 19:15');

    // 23:00 UTC is 09:00 next morning in Vladivostok and 02:00 in Moscow: only Mike's list is due.
    const [call] = await w.h.db.select().from(activities);
    await w.h.db.update(activities).set({ dueAt: new Date('2026-11-28T02:00:00Z') }).where(eq(activities.id, call!.id));
    // 28.11 is a Saturday: this team works six days a week (WORKDAYS=1-6).
    const jobs = testJobContext(w.h, { clock: w.deps.clock, workdays: [1, 2, 3, 4, 5, 6] });
    expect(await sendMorningLists(jobs, new Date('2026-11-27T23:00:00Z'))).toMatchObject({ queued: 1 });
    const [list] = await outboxRows(w.h, 'morning_list');
    expect(list).toMatchObject({ memberId: await w.memberId(mike), payload: expect.objectContaining({ timeZone: 'Asia/Vladivostok', date: '2026-11-28' }) });
  });

  it('accepts a city in Russian and an offset', async () => {
    await w.send(olga, '/tz Новосибирск');
    expect(await zoneOf(olga)).toBe('Asia/Novosibirsk');
    expect(w.api.last(olga.id).text).toBe(ru.tz.changed({ zone: 'Asia/Novosibirsk', time: '27.11 16:00' }));
    await w.send(olga, '/tz +10');
    expect(await zoneOf(olga)).toBe('Etc/GMT-10');
  });
});
