import { beforeEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { dealItems, history, tasks } from '../../db/schema/index.js';
import { useBotWorld } from '../helpers/bot-world.js';
import { dealBotWorld } from '../helpers/deal-bot.js';
import { tgUser } from '../helpers/telegram.js';

const olga = tgUser(501, 'Olga');
const anna = tgUser(502, 'Anna');
const plain = (s: string) => s.replace(/[\u00A0\u202F]/g, ' ');

/**
 * The proposal press is answered at once and the PDF (~0.3 s CPU, more on Workers) is made by the
 * task runner afterwards (issue #13: answer Telegram in time). These tests stop the world's
 * automatic run after each update to look at the moment in between.
 */
describe('bot: the proposal PDF is made in the background', () => {
  const w = useBotWorld({ owner: olga, managers: [anna] }, dealBotWorld);
  beforeEach(async () => {
    await w.send(olga, '/products');
    await w.tap(olga, /^prs$/);
    await w.convertNewLead(anna, { name: 'Иван Петров', companyName: 'ООО «Ромашка»' });
    await w.tap(anna, /^di:/);
    await w.tap(anna, 'Разработка сайта');
    await w.tap(anna, /^dc:/);
    w.background.autoRunTasks = false;
  });

  const proposalsSent = async () => (await w.h.db.select().from(history).where(and(eq(history.action, 'proposal_sent')))).length;
  const documents = () => w.api.sent('sendDocument');

  it('answers the press before the PDF exists; the runner then sends the document and the deal card', async () => {
    await w.tap(anna, /^dp:/);

    expect(w.api.toasts().at(-1)).toBe('Готовлю КП…');
    expect(w.api.sent('sendChatAction').at(-1)).toMatchObject({ chat_id: anna.id, action: 'upload_document' });
    expect(documents()).toHaveLength(0);
    expect(await proposalsSent()).toBe(0);
    expect(await w.h.db.select({ kind: tasks.kind, state: tasks.state }).from(tasks)).toEqual([{ kind: 'proposal', state: 'queued' }]);

    expect(await w.background.runPromptTasks()).toBe(1);
    expect(documents()).toHaveLength(1);
    const pdf = w.uploads.at(-1)!;
    expect(pdf).toMatchObject({ chatId: anna.id, fileName: 'proposal-1-1.pdf' });
    expect(plain(pdf.caption)).toContain('№ 1/1');
    expect(w.api.last(anna.id).text).toContain('Сделка #1');
    expect(await proposalsSent()).toBe(1);
    expect((await w.h.db.select({ state: tasks.state }).from(tasks))[0]?.state).toBe('done');
  });

  it('a task interrupted after rendering sends the one proposal it made, once', async () => {
    await w.tap(anna, /^dp:/);
    // The PDF is rendered and recorded, then Telegram refuses the upload (errors auto-retry does
    // not retry): the task goes back to the queue, as after a crash.
    let failDocument = true;
    let failCard = false;
    w.api.failWith = (method) => {
      if (method === 'sendDocument' && failDocument) return (failDocument = false), { error_code: 400, description: 'Bad Request: not enough rights to send documents to the chat' };
      if (method === 'sendMessage' && failCard) return (failCard = false), { error_code: 403, description: 'Forbidden: bot was blocked by the user' };
      return undefined;
    };
    await w.background.runPromptTasks();
    expect(documents()).toHaveLength(0);
    expect(await proposalsSent()).toBe(1);

    // The retry sends the recorded PDF (not proposal No. 1/2); then the card fails to arrive.
    failCard = true;
    w.deps.clock.advance(10_000);
    await w.background.runPromptTasks();
    expect(documents()).toHaveLength(1);
    expect(w.uploads.at(-1)).toMatchObject({ chatId: anna.id, fileName: 'proposal-1-1.pdf' });

    // The next retry knows the document is in the chat: only the card comes.
    w.deps.clock.advance(20_000);
    await w.background.runPromptTasks();
    expect(documents()).toHaveLength(1);
    expect(w.api.last(anna.id).text).toContain('Сделка #1');
    expect(await proposalsSent()).toBe(1);
    expect(await w.h.db.select({ state: tasks.state, attempts: tasks.attempts }).from(tasks)).toEqual([{ state: 'done', attempts: 3 }]);
  });

  it('the "needs items" refusal stays the press\'s own alert, and nothing is queued', async () => {
    // The card still shows the button; the items went meanwhile (another member, the Mini App).
    await w.h.db.delete(dealItems);
    await w.tap(anna, /^dp:/);
    expect(w.api.sent('answerCallbackQuery').at(-1)).toMatchObject({ show_alert: true, text: 'Сначала добавьте в сделку товары: КП перечисляет их.' });
    expect(await w.h.db.select().from(tasks)).toHaveLength(0);
  });
});
