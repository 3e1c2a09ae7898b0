import { describe, expect, it } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import { activities, deals, history } from '../../db/schema/index.js';
import { TEAM_CHAT, useBotWorld } from '../helpers/bot-world.js';
import { dealBotWorld } from '../helpers/deal-bot.js';
import { pdfText } from '../helpers/pdf-text.js';
import { insertProducts } from '../../src/core/products/add-product.js';
import { tgUser } from '../helpers/telegram.js';

const olga = tgUser(501, 'Olga');
const anna = tgUser(502, 'Anna');

/** Intl puts no-break spaces in numbers; tests compare with plain ones. */
const plain = (s: string) => s.replace(/[\u00A0\u202F]/g, ' ');

describe('bot: convert, deals, products, proposal', () => {
  const lastText = (chatId: number) => plain(w.api.last(chatId).text);
  const w = useBotWorld({ owner: olga, managers: [anna] }, dealBotWorld);

  /** Anna takes a fresh lead from the team chat; its card is then the last message in her chat. */
  async function takenLead(input: Record<string, string> = {}) {
    const lead = await w.lead({ name: 'Иван Петров', companyName: 'ООО «Ромашка»', ...input });
    await w.deliver();
    await w.tap(anna, /^take:/, w.api.last(TEAM_CHAT));
    w.taps.set(anna.id, 0);
    return lead;
  }

  async function dealCardOf(): Promise<string> {
    const [deal] = await w.h.db.select().from(deals);
    return deal!.id;
  }

  it('converts in two taps and changes a stage in two (three when a next step must be chosen)', async () => {
    await takenLead();
    await w.tap(anna, /^cv:/);
    await w.tap(anna, /^cvy:/);
    expect(w.taps.get(anna.id)).toBe(2);
    const card = w.api.last(anna.id);
    expect(card.text).toContain('Сделка #1');
    expect(card.text).toContain('ООО «Ромашка»');
    expect(card.text).toContain('Иван Петров');

    w.taps.set(anna.id, 0);
    await w.tap(anna, /^ds:/);
    await w.tap(anna, /^dss:.*:clarifying$/);
    expect(w.taps.get(anna.id)).toBe(2);
    expect(lastText(anna.id)).toContain('Этап: Уточнение');

    const dealId = await dealCardOf();
    await w.h.db.update(activities).set({ doneAt: w.deps.now() }).where(and(eq(activities.dealId, dealId), isNull(activities.doneAt)));
    w.taps.set(anna.id, 0);
    await w.tap(anna, /^ds:/);
    await w.tap(anna, /^dss:.*:negotiation$/);
    expect(lastText(anna.id)).toContain('следующий шаг с датой');
    await w.tap(anna, /^dsn:.*:negotiation:tomorrow10$/);
    expect(w.taps.get(anna.id)).toBe(3);
    expect((await w.h.db.select().from(deals))[0]?.stage).toBe('negotiation');
  });

  it('adds catalogue products to a deal, sends the proposal PDF as a document, and wins the deal', async () => {
    await w.send(olga, '/products');
    await w.tap(olga, /^prs$/);
    expect(w.api.last(olga.id).reply_markup?.inline_keyboard.flat().map((b) => b.text).join('|')).toContain('Разработка сайта');

    await takenLead();
    await w.tap(anna, /^cv:/);
    await w.tap(anna, /^cvy:/);
    await w.tap(anna, /^di:/);
    await w.tap(anna, 'Разработка сайта');
    await w.tap(anna, 'SEO-продвижение');
    expect(lastText(anna.id)).toContain('180 000');
    await w.tap(anna, /^dc:/);
    await w.tap(anna, /^dp:/);

    expect(w.api.sent('sendDocument')).toHaveLength(1);
    const [pdf] = w.uploads;
    expect(pdf).toMatchObject({ chatId: anna.id, fileName: 'proposal-1-1.pdf' });
    expect(plain(pdf!.caption)).toContain('180 000');
    const text = await pdfText(pdf!.bytes);
    for (const s of ['Иван Петров', 'ООО «Ромашка»', 'Разработка сайта', 'SEO-продвижение', 'Коммерческое предложение', '№ 1/1 от 27.11.2026']) expect(text).toContain(s);
    const dealId = await dealCardOf();
    expect((await w.h.db.select().from(deals))[0]?.stage).toBe('proposal');
    const followUps = await w.h.db.select().from(activities).where(and(eq(activities.dealId, dealId), eq(activities.subject, 'proposal_follow_up')));
    // The first-contact call moved from the lead is sooner, so no second step is planned.
    expect(followUps).toHaveLength(0);

    await w.tap(anna, /^dw:/);
    await w.tap(anna, /^dwy:/);
    expect((await w.h.db.select().from(deals))[0]).toMatchObject({ stage: 'won', amount: 18_000_000 });
    expect(lastText(anna.id)).toContain('Выиграна на 180');
  });

  it('adds a product from the second page of a long catalogue, changes its quantity, and the proposal prints it', async () => {
    await w.send(olga, '/products');
    await w.tap(olga, /^prs$/);
    const owner = w.deps.core({ kind: 'member', id: await w.memberId(olga), label: 'Olga', role: 'owner' } as never);
    await insertProducts(owner, Array.from({ length: 30 }, (_, i) => ({ name: `Услуга ${String(i).padStart(2, '0')}`, price: 100_00, currency: 'RUB' })));
    await insertProducts(owner, [{ name: 'Ящик с длинным названием для проверки переноса в таблице', price: 12_345_00, currency: 'RUB', unit: 'шт.' }]);

    await takenLead();
    await w.tap(anna, /^cv:/);
    await w.tap(anna, /^cvy:/);
    await w.tap(anna, /^di:/);
    const firstPage = w.api.last(anna.id);
    expect(plain(firstPage.text)).toContain('(1/2)');
    expect(firstPage.reply_markup?.inline_keyboard.flat().length).toBeLessThanOrEqual(23);
    await w.tap(anna, '▶️');
    await w.tap(anna, 'Ящик с длинным названием');
    // Added on page 2, the screen stays there; the line itself is listed first, on page 1.
    expect(plain(w.api.last(anna.id).text)).toContain('(2/2)');
    await w.tap(anna, '◀️');
    await w.tap(anna, /^dit:/);
    await w.send(anna, '4');
    expect(lastText(anna.id)).toContain('× 4');
    await w.tap(anna, /^dp:/);

    const pdf = w.uploads.at(-1)!;
    expect(pdf.fileName).toMatch(/\.pdf$/);
    const text = plain(await pdfText(pdf.bytes));
    expect(text).toContain('Ящик с длинным названием');
    expect(text).toContain('49 380');
  });

  it('loses a deal with a reason from the list and edits the amount by typing', async () => {
    await takenLead();
    await w.tap(anna, /^cv:/);
    await w.tap(anna, /^cvy:/);
    await w.tap(anna, /^de:/);
    await w.tap(anna, /^def:.*:amount$/);
    await w.send(anna, '250 000');
    expect(lastText(anna.id)).toContain('250 000');
    expect(lastText(anna.id)).toContain('введена вручную');
    w.taps.set(anna.id, 0);
    await w.tap(anna, /^dl:/);
    await w.tap(anna, /^dlr:.*:competitor$/);
    expect(w.taps.get(anna.id)).toBe(2);
    const [deal] = await w.h.db.select().from(deals);
    expect(deal).toMatchObject({ stage: 'lost', lostReason: 'competitor', amount: 25_000_000, amountManual: true });
    const lines = await w.h.db.select().from(history).where(and(eq(history.entityId, deal!.id), eq(history.action, 'lost')));
    expect(lines).toHaveLength(1);
  });

  it('imports a CSV from the owner with a rejected-rows file, refuses a manager, and exports escaped CSV', async () => {
    const csv = 'Имя;Телефон;Компания\nПётр;+7 916 111-22-33;Альфа\nБез телефона;12;Бета\nПётр снова;89161112233;Альфа\n';
    w.files.set('f1', new TextEncoder().encode(csv));
    await w.sendDocument(anna, 'f1', 'base.csv');
    expect(lastText(anna.id)).toContain('только владелец или руководитель');
    await w.sendDocument(olga, 'f1', 'base.csv');
    expect(await w.runTasks()).toBe(1);
    expect(w.api.chat(olga.id).map((m) => m.text).join('\n')).toContain('1 новый лид, присоединено к открытым 1, отклонено 1');
    // The rejected-rows file speaks the importer's language: its reason column and the reason itself.
    const rejected = new TextDecoder().decode(w.uploads.find((u) => u.fileName === 'rejected-base.csv')!.bytes).split('\r\n');
    expect(rejected[0]).toBe('Имя;Телефон;Компания;Причина');
    expect(rejected[1]).toBe('Без телефона;12;Бета;«12» — не номер телефона');

    await w.send(olga, '/export leads');
    const exported = new TextDecoder().decode(w.uploads.at(-1)!.bytes);
    expect(exported).toContain("'+79161112233");
    expect(exported.split('\r\n')[0]).toContain('number;created_at;status');
  });
});
