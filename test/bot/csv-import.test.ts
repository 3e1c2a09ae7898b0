import { eq, sql } from 'drizzle-orm';
import type { Update } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import { en } from '../../bot/locales/en.js';
import { ru } from '../../bot/locales/ru.js';
import { history, leads, tasks } from '../../db/schema/index.js';
import { useBotWorld } from '../helpers/bot-world.js';
import { coldBaseCsv } from '../helpers/cold-base.js';
import { dealBotWorld } from '../helpers/deal-bot.js';
import { textUpdate, tgUser } from '../helpers/telegram.js';

const olga = tgUser(501, 'Olga');

/** The update Telegram sends for a document; kept, so a test can deliver the very same update again. */
function documentUpdate(fileId: string, fileName: string, size: number): Update {
  const update = textUpdate(olga, '');
  const { text: _text, ...message } = update.message as NonNullable<Update['message']>;
  return { ...update, message: { ...message, document: { file_id: fileId, file_unique_id: `u-${fileId}`, file_name: fileName, mime_type: 'text/csv', file_size: size } } } as Update;
}

describe('CSV import from the bot: acknowledged at once, one message edited as it goes', () => {
  const w = useBotWorld({ owner: olga }, dealBotWorld);

  const leadCount = async () => (await w.h.db.select({ n: sql<number>`count(*)` }).from(leads))[0]!.n;

  it('answers before importing, shows "imported N of M" while the work goes in steps, then the summary and the rejected rows', async () => {
    const base = coldBaseCsv(1_000);
    w.files.set('f1', new TextEncoder().encode(base.csv));
    await w.bot.handleUpdate(documentUpdate('f1', 'base.csv', base.csv.length));
    const status = w.api.last(olga.id);
    expect(status.text).toBe(ru.csv.importing);
    expect(await leadCount()).toBe(0);

    // Steps of 400 rows, as a Worker takes them: the same message says how far it got.
    await w.runTasks({ maxRows: 400 });
    expect(w.api.last(olga.id)).toMatchObject({ message_id: status.message_id, text: ru.csv.progress({ done: 400, total: 1_000 }) });
    expect(ru.csv.progress({ done: 400, total: 1_000 })).toMatch(/^⏳ Импортировано 400 из 1\s000…$/);
    await w.runTasks({ maxRows: 400 });
    expect(w.api.last(olga.id).text).toBe(ru.csv.progress({ done: 800, total: 1_000 }));
    await w.runTasks({ maxRows: 400 });

    const messages = w.api.chat(olga.id).filter((m) => m.message_id >= status.message_id);
    expect(messages[0]!.text).toBe(ru.csv.summary({ created: base.created, joined: 0, rejected: base.rejected }));
    expect(messages.map((m) => m.via)).toEqual(['sendMessage', 'sendDocument']);
    expect(w.uploads.at(-1)!.fileName).toBe('rejected-base.csv');
    expect(await leadCount()).toBe(base.created);
    expect(await w.h.db.select({ state: tasks.state }).from(tasks)).toEqual([{ state: 'done' }]);
  });

  it('a redelivered document update queues and imports nothing more', async () => {
    const base = coldBaseCsv(50);
    w.files.set('f1', new TextEncoder().encode(base.csv));
    const update = documentUpdate('f1', 'base.csv', base.csv.length);
    await w.bot.handleUpdate(update);
    await w.runTasks();
    const callsAfterFirst = w.api.calls.length;
    await w.bot.handleUpdate(structuredClone(update));
    expect(await w.runTasks()).toBe(0);

    expect(w.api.calls.length).toBe(callsAfterFirst);
    expect(await w.h.db.select().from(tasks)).toHaveLength(1);
    expect(await leadCount()).toBe(base.created);
    const [repeats] = await w.h.db.select({ n: sql<number>`sum(${leads.repeatCount})` }).from(leads);
    expect(repeats!.n).toBe(0);
  });

  it('the same file sent again asks first: Cancel imports nothing, "Import again" makes repeat requests', async () => {
    const base = coldBaseCsv(20);
    w.files.set('f1', new TextEncoder().encode(base.csv));
    await w.bot.handleUpdate(documentUpdate('f1', 'base.csv', base.csv.length));
    await w.runTasks();

    await w.bot.handleUpdate(documentUpdate('f1', 'base.csv', base.csv.length));
    const question = w.api.last(olga.id);
    expect(question.text).toContain('base.csv уже импортировали');
    expect(question.text).toContain(`новых лидов: ${base.created}`);
    expect(await w.runTasks()).toBe(0);
    await w.tap(olga, ru.csv.cancelButton, question);
    expect(w.api.last(olga.id).text).toBe(ru.csv.cancelled);
    expect(await w.runTasks()).toBe(0);

    await w.bot.handleUpdate(documentUpdate('f1', 'base.csv', base.csv.length));
    const again = w.api.last(olga.id);
    await w.tap(olga, ru.csv.againButton, again);
    expect(await w.runTasks()).toBe(1);
    expect(w.api.chat(olga.id).find((m) => m.message_id === again.message_id)?.text).toBe(ru.csv.summary({ created: 0, joined: base.created, rejected: base.rejected }));
    expect(await leadCount()).toBe(base.created);
    const repeats = await w.h.db.select().from(history).where(eq(history.action, 'repeat_request'));
    expect(repeats).toHaveLength(base.created);
  });

  it('a file without a phone column is answered at once with the reason, and nothing is queued', async () => {
    w.files.set('f2', new TextEncoder().encode('a;b\n1;2'));
    await w.bot.handleUpdate(documentUpdate('f2', 'bad.csv', 7));
    expect(w.api.last(olga.id).text).toContain('No phone column');
    expect(await w.h.db.select().from(tasks)).toHaveLength(0);
    expect(en.csv.progress({ done: 3_000, total: 10_000 })).toBe('⏳ Imported 3,000 of 10,000…');
  });
});
