import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { history, members } from '../../../db/schema/index.js';
import { isCrmError } from '../../../src/core/shared/errors.js';
import { setMemberTimeZone } from '../../../src/core/team/set-member-time-zone.js';
import { resolveTimeZone } from '../../../src/core/shared/time-zone.js';
import { useFreshDb } from '../../helpers/db.js';
import { addMember } from '../../helpers/members.js';

describe('time zones', () => {
  it('reads IANA names in any case, cities in Russian or English, and whole-hour offsets', () => {
    expect(resolveTimeZone('Asia/Vladivostok')).toBe('Asia/Vladivostok');
    expect(resolveTimeZone('asia/vladivostok')).toBe('Asia/Vladivostok');
    expect(resolveTimeZone('Новосибирск')).toBe('Asia/Novosibirsk');
    expect(resolveTimeZone('novosibirsk')).toBe('Asia/Novosibirsk');
    expect(resolveTimeZone('Хабаровск')).toBe('Asia/Vladivostok');
    expect(resolveTimeZone('new york')).toBe('America/New_York');
    expect(resolveTimeZone('+7')).toBe('Etc/GMT-7');
    expect(resolveTimeZone('UTC-5')).toBe('Etc/GMT+5');
    expect(resolveTimeZone('GMT+03:00')).toBe('Etc/GMT-3');
    expect(resolveTimeZone('МСК+7')).toBe('Etc/GMT-10');
    expect(resolveTimeZone('utc')).toBe('UTC');
    for (const bad of ['Mars/Olympus', 'nowhere', '+15', '5:30', '', 'Asia/Vladivostok; DROP TABLE']) expect(resolveTimeZone(bad), bad).toBeNull();
  });

  describe('setMemberTimeZone', () => {
    const h = useFreshDb();

    it('stores the canonical zone with a history line, and refuses an unknown one', async () => {
      const anna = await addMember(h.db, 'Anna', 'manager');
      const ctx = h.ctx(anna.actor);
      expect(await setMemberTimeZone(ctx, 'asia/vladivostok')).toEqual({ timeZone: 'Asia/Vladivostok', previous: 'Europe/Moscow' });
      const [row] = await h.db.select().from(members).where(eq(members.id, anna.id));
      expect(row?.timeZone).toBe('Asia/Vladivostok');
      const [line] = await h.db.select().from(history).where(eq(history.action, 'time_zone_changed'));
      expect(line).toMatchObject({ entityType: 'member', entityId: anna.id, changes: { timeZone: ['Europe/Moscow', 'Asia/Vladivostok'] } });
      await expect(setMemberTimeZone(ctx, 'Mars/Olympus')).rejects.toSatisfy((e) => isCrmError(e, 'VALIDATION'));
      await expect(setMemberTimeZone(h.ctx(), 'UTC')).rejects.toSatisfy((e) => isCrmError(e, 'FORBIDDEN'));
    });
  });
});
