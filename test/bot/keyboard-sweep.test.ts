import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isNull } from 'drizzle-orm';
import { activities } from '../../db/schema/index.js';
import { insertProducts } from '../../src/core/products/add-product.js';
import { sendMorningLists } from '../../src/jobs/morning-list.js';
import { sendReminders } from '../../src/jobs/reminders.js';
import { TEAM_CHAT, joinTeam } from '../helpers/bot-world.js';
import { dealBotWorld, type DealBotWorld } from '../helpers/deal-bot.js';
import { testJobContext } from '../helpers/jobs.js';
import { seenKeyboards } from '../helpers/keyboard-log.js';
import { addActivity, addLead } from '../helpers/seed.js';
import { tgUser, type FakeMessage } from '../helpers/telegram.js';

/**
 * Every keyboard the bot can send, built from the worst data on purpose: 36-character UUID ids
 * everywhere (the product's own ids), the longest enum words (wrong_number, in_progress,
 * negotiation, not_our_client, tomorrow10), product names at the 200-character limit, a catalogue
 * larger than one keyboard may hold, and paging driven to its last page. Telegram refuses a whole
 * message when one callback_data passes 64 bytes (BUTTON_DATA_INVALID) or a keyboard passes 100
 * buttons, so the sweep reads every keyboard the strict fake accepted and every call it refused.
 */

const olga = tgUser(801, 'Olga', 'ru');
const hanna = tgUser(802, 'Hanna', 'ru');
const anna = tgUser(803, 'Anna', 'ru');
const mike = tgUser(804, 'Mike', 'en');

const bytes = (s: string) => new TextEncoder().encode(s).length;
/** A product name at the catalogue's 200-character limit, Cyrillic so each letter is 2 bytes. */
const longName = (i: number) => `${String(i).padStart(3, '0')} Комплексная разработка корпоративного портала`.padEnd(200, 'я');

describe('keyboard sweep: every callback_data of every flow fits 1..64 bytes', () => {
  let w: DealBotWorld;
  const covered = new Map<string, number>();
  const refusedIn: string[] = [];

  /** Runs one flow and counts the keyboards it made; a refusal of the fake is noted with the flow's name. */
  async function flow(name: string, run: () => Promise<unknown>): Promise<void> {
    const before = seenKeyboards().length;
    const refusedBefore = w.api.refused().length;
    try {
      await run();
    } catch (e) {
      const refusals = w.api
        .refused()
        .slice(refusedBefore)
        .map((r) => `${r.method}: ${r.error?.description}`);
      throw new Error(
        `flow "${name}": ${String(e)}; refused meanwhile: ${refusals.join('; ') || 'nothing'}; last text: ${w.api.messages.at(-1)?.text.slice(0, 300)}`,
        { cause: e },
      );
    }
    covered.set(name, seenKeyboards().length - before);
    for (const r of w.api.refused().slice(refusedBefore)) refusedIn.push(`${name}: ${r.method} → ${r.error?.description}`);
  }

  const last = (user: { id: number }): FakeMessage => w.api.last(user.id);
  const tapData = (user: typeof anna, data: RegExp, message?: FakeMessage) => w.tap(user, data, message);
  const has = (user: typeof anna, data: RegExp, message = last(user)) =>
    (message.reply_markup?.inline_keyboard.flat() ?? []).some((b) => 'callback_data' in b && data.exec(b.callback_data ?? '') !== null);
  /** No open activity left: a status or stage change must then ask for the next step (the preset keyboard). */
  const closeActivities = () => w.h.db.update(activities).set({ doneAt: w.deps.now() }).where(isNull(activities.doneAt));

  beforeAll(async () => {
    w = await dealBotWorld();
    await joinTeam(w, { owner: olga, heads: [hanna], managers: [anna, mike] });

    await flow('team-chat card', async () => {
      await w.lead({ name: 'Константин Константинопольский-Щедрин', companyName: 'ООО «Научно-производственное объединение»' });
      await w.deliver();
    });
    await flow('take', () => tapData(anna, /^take:/, w.api.last(TEAM_CHAT)));
    const openCard = async () => {
      await w.send(anna, '/leads');
      await tapData(anna, /^card:/);
    };
    await flow('call log', async () => {
      await tapData(anna, /^call:/);
      // wrong_number is the longest outcome: its next-step buttons carry cn:<uuid>:wrong_number:tomorrow10.
      await tapData(anna, /^co:.*:wrong_number$/);
      await tapData(anna, /^card:/);
      await tapData(anna, /^call:/);
      await tapData(anna, /^co:.*:no_answer$/);
      await tapData(anna, /^cn:.*:no_answer:tomorrow10$/);
    });
    await flow('status', async () => {
      await openCard();
      await closeActivities();
      await tapData(anna, /^st:/);
      await tapData(anna, /^ss:.*:in_progress$/);
      await tapData(anna, /^sn:.*:in_progress:tomorrow10$/);
    });
    await flow('junk reasons', async () => {
      await openCard();
      await tapData(anna, /^junk:/);
      await tapData(anna, /^card:/);
    });
    await flow('lead history pages', async () => {
      await openCard();
      for (let i = 0; i < 40; i++) {
        await tapData(anna, /^st:/);
        await tapData(anna, i % 2 ? /^ss:.*:clarifying$/ : /^ss:.*:call_back$/);
        if (has(anna, /^sn:/)) await tapData(anna, /^sn:.*:3d$/);
      }
      await tapData(anna, /^hist:/);
      for (let page = 1; has(anna, new RegExp(`^hist:.*:${page}$`)); page++) await tapData(anna, new RegExp(`^hist:.*:${page}$`));
    });
    await flow('new lead', async () => {
      await w.send(anna, '/new');
      await w.send(anna, 'Константин Константинопольский-Щедрин');
      await w.send(anna, '+7 999 555-44-33');
      await tapData(anna, /^nl:cold_call$/);
    });
    await flow('lead list paging', async () => {
      const annaId = await w.memberId(anna);
      for (let i = 0; i < 45; i++)
        await addLead(w.h.db, { number: 90_000 + i, name: `Лид с очень длинным именем клиента ${i}`, assigneeId: annaId });
      await w.send(anna, '/leads');
      for (let offset = 10; has(anna, new RegExp(`^lp:${offset}$`)); offset += 10) await tapData(anna, new RegExp(`^lp:${offset}$`));
    });
    await flow('search results', async () => {
      await w.send(anna, '/find Лид с очень длинным');
    });
    await flow('pool paging', async () => {
      for (let i = 0; i < 30; i++) await addLead(w.h.db, { number: 95_000 + i, name: `Пул ${i}` });
      await w.send(anna, '/pool');
      for (let offset = 8; has(anna, new RegExp(`^pool:${offset}$`)); offset += 8) await tapData(anna, new RegExp(`^pool:${offset}$`));
      await tapData(anna, /^take:/);
    });
    await flow('products list', async () => {
      await w.send(olga, '/products');
      await tapData(olga, /^prs$/);
      // A catalogue bigger than one keyboard may hold (Telegram: 100 buttons), names at the 200-character limit.
      await insertProducts(
        w.deps.core({ kind: 'member', id: await w.memberId(olga), label: 'Olga' } as never),
        Array.from({ length: 130 }, (_, i) => ({ name: longName(i), price: 99_999_999_00 + i, currency: 'RUB', unit: 'шт.' })),
      );
      await w.send(olga, '/products');
      for (let page = 1; has(olga, new RegExp(`^prl:${page}$`)); page++) await tapData(olga, new RegExp(`^prl:${page}$`));
      await tapData(olga, /^pr:/);
    });
    await flow('deal card', async () => {
      // The team chat's lead carries the longest company name: its deal has a contact and a company.
      await w.send(anna, '/find #1');
      await tapData(anna, /^cv:/);
      await tapData(anna, /^cvy:/);
    });
    await flow('deal stages', async () => {
      await closeActivities();
      await tapData(anna, /^ds:/);
      await tapData(anna, /^dss:.*:negotiation$/);
      await tapData(anna, /^dsn:.*:negotiation:tomorrow10$/);
    });
    await flow('deal products', async () => {
      await tapData(anna, /^di:/);
      for (let page = 1; has(anna, new RegExp(`^dip:.*:${page}$`)); page++) await tapData(anna, new RegExp(`^dip:.*:${page}$`));
      await tapData(anna, /^dia:/);
      await tapData(anna, /^dc:/);
      await tapData(anna, /^di:/);
      await tapData(anna, /^dit:/);
      await tapData(anna, /^dc:/);
    });
    await flow('deal edit', async () => {
      await tapData(anna, /^de:/);
      await tapData(anna, /^dc:/);
      await tapData(anna, /^dlg:/);
    });
    await flow('proposal', async () => {
      await tapData(anna, /^dp:/);
    });
    await flow('deal history pages', async () => {
      const card = w.api
        .chat(anna.id)
        .filter((m) => /"dh:/.exec(JSON.stringify(m.reply_markup ?? {})) !== null)
        .at(-1)!;
      for (let i = 0; i < 25; i++) {
        await tapData(anna, /^dn:/, card);
        await w.send(anna, `Заметка по сделке ${i}`);
      }
      await tapData(anna, /^dh:/, card);
      for (let page = 1; has(anna, new RegExp(`^dh:.*:${page}$`), card); page++) await tapData(anna, new RegExp(`^dh:.*:${page}$`), card);
      await tapData(anna, /^dc:/, card);
    });
    await flow('contact and company cards', async () => {
      await w.send(anna, '/deals');
      await tapData(anna, /^dc:/);
      await tapData(anna, /^ct:/);
      await tapData(anna, /^co2:/);
      await w.send(anna, '/contacts Научно-производственное');
    });
    await flow('won and lost', async () => {
      await w.send(anna, '/deals');
      await tapData(anna, /^dc:/);
      await tapData(anna, /^dl:/);
      await tapData(anna, /^dc:/);
      await tapData(anna, /^dw:/);
    });
    await flow('settings', async () => {
      await w.send(olga, '/settings');
    });
    await flow('team and invite', async () => {
      await w.send(olga, '/invite');
      await w.send(olga, '/team');
      await tapData(olga, /^tm:/);
      await tapData(olga, /^td:/);
    });
    await flow('language', () => w.send(mike, '/lang'));
    await flow('reminder and reschedule', async () => {
      const mikeId = await w.memberId(mike);
      const leadId = await addLead(w.h.db, { number: 99_001, name: 'Reminder', assigneeId: mikeId });
      const now = w.deps.now();
      await addActivity(w.h.db, { assigneeId: mikeId, leadId, dueAt: new Date(now.getTime() + 10 * 60_000) });
      await sendReminders(testJobContext(w.h, { clock: w.deps.clock }), now);
      await w.deliver();
      await tapData(mike, /^ar:/);
    });
    await flow('morning list', async () => {
      const mikeId = await w.memberId(mike);
      const leadId = await addLead(w.h.db, { number: 99_002, name: 'Morning', assigneeId: mikeId });
      const now = w.deps.now();
      for (let i = 0; i < 12; i++)
        await addActivity(w.h.db, {
          assigneeId: mikeId,
          leadId,
          dueAt: new Date(now.getTime() + (i + 1) * 3_600_000),
          subject: `Task ${i}`,
        });
      await sendMorningLists(testJobContext(w.h, { clock: w.deps.clock, workdays: [0, 1, 2, 3, 4, 5, 6] }), now);
      await w.deliver();
      const list = last(mike);
      await tapData(mike, /^ad:/, list);
      await tapData(mike, /^ar:/, list);
      await tapData(mike, /^arp:.*:tomorrow10$/);
    });
  });
  afterAll(() => w.close());

  it('drove every keyboard-bearing flow, and each one produced keyboards', () => {
    expect([...covered.keys()]).toEqual([
      'team-chat card',
      'take',
      'call log',
      'status',
      'junk reasons',
      'lead history pages',
      'new lead',
      'lead list paging',
      'search results',
      'pool paging',
      'products list',
      'deal card',
      'deal stages',
      'deal products',
      'deal edit',
      'proposal',
      'deal history pages',
      'contact and company cards',
      'won and lost',
      'settings',
      'team and invite',
      'language',
      'reminder and reschedule',
      'morning list',
    ]);
    expect(
      [...covered].filter(([, n]) => n === 0).map(([name]) => name),
      'flows that sent no keyboard',
    ).toEqual([]);
    // Sent and edited keyboards alike (an edit that carries a keyboard is checked as strictly as a send).
    expect([...new Set(seenKeyboards().map((k) => k.via))].sort()).toEqual(['edit:text', 'sendMessage']);
  });

  it('Telegram refused nothing on the way: no BUTTON_DATA_INVALID, no keyboard over 100 buttons, no answer over 200 characters', () => {
    expect(refusedIn).toEqual([]);
  });

  it('every callback_data is 1..64 bytes of UTF-8, and the worst cases were reached', () => {
    const data = seenKeyboards().flatMap((k) =>
      k.markup.inline_keyboard.flat().flatMap((b) => ('callback_data' in b && b.callback_data !== undefined ? [b.callback_data] : [])),
    );
    const outside = data.filter((d) => bytes(d) < 1 || bytes(d) > 64);
    expect(outside).toEqual([]);
    for (const k of seenKeyboards()) expect(k.markup.inline_keyboard.flat().length).toBeLessThanOrEqual(100);
    // The longest payloads the bot makes: a UUID with the longest outcome / stage / status and preset words.
    const longest = Math.max(...data.map(bytes));
    expect(longest).toBe(63);
    expect(data.filter((d) => bytes(d) === longest).map((d) => d.replace(/[0-9a-f-]{36}/, '<uuid>'))).toContain(
      'cn:<uuid>:wrong_number:tomorrow10',
    );
    // Paging went to its deepest state: the catalogue's last page, the lead list's and the pool's.
    expect(data).toEqual(expect.arrayContaining(['prl:6', 'lp:40', 'pool:24']));
    expect(data.some((d) => /^dip:[0-9a-f-]{36}:6$/.exec(d) !== null)).toBe(true);
  });
});
