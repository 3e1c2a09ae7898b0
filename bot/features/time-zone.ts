import { Composer } from 'grammy';
import { isCrmError } from '../../src/core/shared/errors.js';
import { setMemberTimeZone } from '../../src/core/team/set-member-time-zone.js';
import type { BotContext } from '../context.js';
import { formatDateTime } from '../i18n.js';

/** `/tz <zone>`: the member's own time zone (morning list, reminders' times, typed dates); `/tz` alone shows it. */
export const timeZoneFeature = new Composer<BotContext>();

timeZoneFeature.command('tz', async (ctx) => {
  const { t, timeZone, deps } = ctx.crm;
  const arg = ctx.match.trim();
  const now = deps.now();
  if (!arg) return void (await ctx.reply(`${t.tz.current({ zone: timeZone, time: formatDateTime(now, t, timeZone, now) })}\n${t.tz.usage}`));
  try {
    const changed = await setMemberTimeZone(ctx.crm.core(), arg);
    await ctx.reply(t.tz.changed({ zone: changed.timeZone, time: formatDateTime(now, t, changed.timeZone, now) }));
  } catch (e) {
    if (!isCrmError(e, 'VALIDATION')) throw e;
    await ctx.reply(t.tz.unknown);
  }
});
