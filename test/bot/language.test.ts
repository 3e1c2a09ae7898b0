import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENTITY_TYPES, HISTORY_ACTIONS, LANGUAGES, type HistoryAction } from '../../db/enums.js';
import { messages } from '../../bot/i18n.js';
import { countOf, RU_UNITS } from '../../bot/plural.js';
import { quoteEn, quoteRu } from '../../bot/quote.js';
import { describeEvent, historyLabel } from '../../bot/render/history-event.js';
import { ru } from '../../bot/locales/ru.js';
import { TEAM_CHAT, useBotWorld } from '../helpers/bot-world.js';
import { dealBotWorld } from '../helpers/deal-bot.js';
import { tgUser } from '../helpers/telegram.js';

/** Every action literal a use case in src/core writes to history ("action: 'won'", "action: x ? 'a' : 'b'"). */
function actionsWrittenInCore(): Set<string> {
  const found = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (path.endsWith('.ts')) {
        for (const line of readFileSync(path, 'utf8').split('\n')) {
          // The expression after "action:" up to the next comma or brace: 'won', x ? 'a' : 'b', 'a' | 'b'.
          for (const [, expr] of line.matchAll(/\baction:\s*([^,}]+)/g)) {
            for (const m of expr!.matchAll(/'([a-z_]+)'/g)) found.add(m[1]!);
          }
        }
      }
    }
  };
  walk(join(import.meta.dirname, '../../src/core'));
  return found;
}

/** Event data as the use cases write it, so details get worded too (a stage, a reason, a role). */
const SAMPLE_CHANGES: Partial<Record<HistoryAction, Record<string, unknown>>> = {
  created: { channel: 'site_form' },
  assigned: { assignee: [null, 'Анна'] },
  call_logged: { outcome: 'no_answer' },
  status_changed: { status: ['new', 'in_progress'] },
  junked: { junkReason: 'spam' },
  note: { text: 'Перезвонить' },
  stage_changed: { stage: ['proposal', 'negotiation'] },
  lost: { lostReason: [null, 'price'] },
  lost_note: { lostNote: [null, 'Дорого'] },
  item_added: { name: 'Аудит' },
  item_changed: { name: 'Аудит' },
  item_removed: { name: 'Аудит' },
  role_changed: { role: ['manager', 'head'] },
  language_changed: { language: ['ru', 'en'] },
};

describe('language: history, plurals, quotes', () => {
  it('lists every action a use case writes, so none can reach a timeline untranslated', () => {
    const written = actionsWrittenInCore();
    expect(written.size).toBeGreaterThan(25);
    expect([...written].filter((a) => !(HISTORY_ACTIONS as readonly string[]).includes(a))).toEqual([]);
  });

  for (const lang of LANGUAGES) {
    it(`words every history action in ${lang}, with no raw key`, () => {
      const t = messages(lang);
      for (const action of HISTORY_ACTIONS) {
        for (const entityType of action === 'created' ? ENTITY_TYPES : (['lead', 'deal'] as const)) {
          const row = { action, entityType, changes: SAMPLE_CHANGES[action] ?? null };
          const label = historyLabel(row, t);
          const text = describeEvent(row, t);
          for (const shown of [label, text]) {
            expect(shown, `${lang} ${entityType} ${action}`).not.toMatch(/[a-z]+_[a-z_]+/);
            expect(shown.trim(), `${lang} ${entityType} ${action}`).not.toBe('');
            if (lang === 'ru') {
              expect(shown, `${action} in Russian`).toMatch(/[а-яё]/i);
              expect(shown, `${action} in Russian`).not.toMatch(/[a-z]{3,}/i);
            }
          }
          if (lang === 'ru') expect(label).not.toBe(action.replace(/_/g, ' '));
        }
      }
    });
  }

  it('counts in Russian by Intl.PluralRules: 1 раз, 2 раза, 5 раз, 21 раз, 3 месяца', () => {
    const times = [1, 2, 5, 11, 21, 22].map((n) => countOf('ru-RU', n, RU_UNITS.times));
    expect(times).toEqual(['1 раз', '2 раза', '5 раз', '11 раз', '21 раз', '22 раза']);
    expect([1, 3, 5].map((n) => countOf('ru-RU', n, RU_UNITS.months))).toEqual(['1 месяц', '3 месяца', '5 месяцев']);
    expect([1, 4, 12].map((n) => countOf('ru-RU', n, RU_UNITS.days))).toEqual(['1 день', '4 дня', '12 дней']);
    expect(ru.card.repeats({ count: 1 })).toBe('Обращался 2 раза');
    expect(ru.card.repeats({ count: 4 })).toBe('Обращался 5 раз');
    expect(ru.csv.exportCaption({ rows: 1 })).toBe('1 строка.');
    expect(ru.csv.exportCaption({ rows: 3 })).toBe('3 строки.');
    expect(messages('en').csv.exportCaption({ rows: 1 })).toBe('1 row.');
  });

  it('never doubles quotes around a name that carries its own', () => {
    expect(quoteRu('ООО «Ромашка»')).toBe('ООО «Ромашка»');
    expect(quoteRu('Аудит')).toBe('«Аудит»');
    expect(ru.products.added({ name: 'Монтаж «под ключ»' })).toBe('✅ Монтаж «под ключ» добавлен.');
    expect(ru.activity.chooseTime({ what: 'ООО «Ромашка»' })).not.toContain('««');
    expect(quoteEn('Acme "Pro"')).toBe('Acme "Pro"');
    expect(quoteEn('Audit')).toBe('“Audit”');
    // Team chat titles and rejected CSV cells carry their own quotes as often as company names do.
    expect(ru.teamChat.bindAsk({ title: 'Продажи «Север»' })).toBe('Сделать Продажи «Север» командным чатом? Новые лиды будут приходить сюда. Подтверждает владелец.');
    expect(ru.teamChat.bindDone({ title: 'Продажи' })).toContain('«Продажи» теперь');
    expect(ru.csv.reasons.badPhone({ value: '«нет»' })).toBe('«нет» — не номер телефона');
    expect(ru.csv.reasons.badEmail({ value: 'ivan@' })).toBe('«ivan@» — не адрес email');
    expect(messages('en').csv.reasons.badPhone({ value: '12' })).toBe('“12” is not a phone number');
  });
});

describe('bot: a converted lead and its deal read in Russian', () => {
  const anna = tgUser(502, 'Anna');
  const w = useBotWorld({ owner: tgUser(501, 'Olga'), managers: [anna] }, dealBotWorld);

  it('shows the conversion and its repeat requests in words, not keys', async () => {
    const lead = await w.lead({ name: 'Иван', phone: '+7 916 555-00-11', companyName: 'ООО «Ромашка»' });
    for (let i = 0; i < 4; i++) await w.lead({ name: 'Иван', phone: '+7 916 555-00-11' });
    await w.deliver();
    await w.tap(anna, /^take:/, w.api.last(TEAM_CHAT));
    expect(w.api.last(anna.id).text).toContain('Обращался 5 раз');
    await w.tap(anna, /^cv:/);
    await w.tap(anna, /^cvy:/);

    await w.send(anna, `/find #${lead.number}`);
    await w.tap(anna, ru.buttons.history);
    const page = w.api.last(anna.id).text;
    expect(page).toContain(ru.history.actions.converted);
    expect(page).toContain(ru.history.actions.repeat_request);
    expect(page).not.toMatch(/[a-z]+_[a-z_]+|converted/);
  });
});
