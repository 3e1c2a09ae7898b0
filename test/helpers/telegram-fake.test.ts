import { autoRetry } from '@grammyjs/auto-retry';
import { Api, GrammyError, InputFile } from 'grammy';
import { describe, expect, it } from 'vitest';
import { FakeBotApi, takeFakeTelegramViolations } from './telegram.js';
import { LIMITS } from './telegram-rules.js';

/** grammY's real client against a fresh strict fake whose clock stands still unless moved. */
function setup() {
  let now = 0;
  const fake = new FakeBotApi({ clock: () => now });
  const api = new Api('1:T', { fetch: fake.fetch as never });
  return { fake, api, tick: (ms: number) => (now += ms) };
}

/** The error Telegram answered a call with: code and description. */
async function refusal(call: Promise<unknown>): Promise<{ code: number; description: string; retryAfter?: number }> {
  try {
    await call;
  } catch (e) {
    if (!(e instanceof GrammyError)) throw e;
    return {
      code: e.error_code,
      description: e.description,
      ...(e.parameters.retry_after ? { retryAfter: e.parameters.retry_after } : {}),
    };
  }
  throw new Error('Telegram accepted the call');
}

const button = (data: string) => ({ reply_markup: { inline_keyboard: [[{ text: 'Go', callback_data: data }]] } });

describe('the strict fake Bot API refuses what Telegram refuses', () => {
  it('callback_data: 1-64 bytes of UTF-8', async () => {
    const { api } = setup();
    await expect(api.sendMessage(1, 'ok', button('x'.repeat(64)))).resolves.toMatchObject({ text: 'ok' });
    for (const data of ['x'.repeat(65), 'я'.repeat(33), '']) {
      expect(await refusal(api.sendMessage(1, 'no', button(data)))).toEqual({ code: 400, description: 'Bad Request: BUTTON_DATA_INVALID' });
    }
  });

  it('text: 1-4096 characters after entity parsing; captions up to 1024', async () => {
    const { api, tick } = setup();
    await api.sendMessage(1, `<b>${'a'.repeat(4096)}</b>`, { parse_mode: 'HTML' });
    tick(1000);
    expect(await refusal(api.sendMessage(1, 'a'.repeat(4097)))).toEqual({ code: 400, description: 'Bad Request: message is too long' });
    expect(await refusal(api.sendMessage(1, '  \n'))).toEqual({ code: 400, description: 'Bad Request: message text is empty' });
    const pdf = new InputFile(new Uint8Array([1, 2, 3]), 'a.pdf');
    expect(await refusal(api.sendDocument(1, pdf, { caption: 'c'.repeat(1025) }))).toEqual({
      code: 400,
      description: 'Bad Request: message caption is too long',
    });
  });

  it("HTML: only Telegram's tags, properly nested, with <, > and & escaped elsewhere", async () => {
    const { api, tick } = setup();
    const html = (text: string) => {
      tick(1000);
      return api.sendMessage(1, text, { parse_mode: 'HTML' });
    };
    const ok =
      '<b>b</b><strong>s</strong><i>i</i><em>e</em><u>u</u><ins>i</ins><s>s</s><strike>s</strike><del>d</del>' +
      '<span class="tg-spoiler">x</span><tg-spoiler>x</tg-spoiler><a href="https://example.com/?a=1&amp;b=2">a</a>' +
      '<code>c</code><pre><code class="language-ts">p</code></pre><blockquote expandable>q</blockquote>' +
      '<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji> &lt;tag&gt; &amp; &quot; &#169; &#x1F600;';
    await expect(html(ok)).resolves.toMatchObject({ message_id: expect.any(Number) });
    const cases: [string, string][] = [
      ['<div>x</div>', 'Unsupported start tag "div" at byte offset 0'],
      ['<b>open', 'Can\'t find end tag corresponding to start tag "b"'],
      ['<b><i>x</b></i>', 'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"'],
      ['x</b>', 'Unexpected end tag at byte offset 1'],
      ['Tom & Jerry', 'Character "&" must be escaped as "&amp;" at byte offset 4'],
      ['a > b', 'Character ">" must be escaped as "&gt;" at byte offset 2'],
      ['<span>x</span>', 'Tag "span" must have class "tg-spoiler" at byte offset 0'],
    ];
    for (const [text, reason] of cases) {
      expect(await refusal(html(text))).toEqual({ code: 400, description: `Bad Request: can't parse entities: ${reason}` });
    }
  });

  it('setMyCommands: names 1-32 of [a-z0-9_], descriptions 1-256, at most 100; stored per scope and language', async () => {
    const { api, fake } = setup();
    const cmd = (command: string, description = 'Does it') => ({ command, description });
    await api.setMyCommands([cmd('leads')], { scope: { type: 'chat', chat_id: 5 }, language_code: 'ru' });
    expect(fake.commands({ type: 'chat', chat_id: 5 }, 'ru')).toEqual([cmd('leads')]);
    expect(fake.commands()).toBeUndefined();
    for (const [commands, description] of [
      [[cmd('Leads')], 'BOT_COMMAND_INVALID'],
      [[cmd('x'.repeat(33))], 'BOT_COMMAND_INVALID'],
      [[cmd('ok', '')], 'BOT_COMMAND_DESCRIPTION_INVALID'],
      [[cmd('ok', 'd'.repeat(257))], 'BOT_COMMAND_DESCRIPTION_INVALID'],
      [Array.from({ length: 101 }, (_, i) => cmd(`c${i}`)), 'BOT_COMMANDS_TOO_MUCH'],
    ] as const) {
      expect(await refusal(api.setMyCommands([...commands]))).toEqual({ code: 400, description: `Bad Request: ${description}` });
    }
  });

  it('one answer per callback query', async () => {
    const { api } = setup();
    await api.answerCallbackQuery('q1', { text: 'Done' });
    expect(await refusal(api.answerCallbackQuery('q1', { text: 'Refused', show_alert: true }))).toEqual({
      code: 400,
      description: 'Bad Request: query is too old and response timeout expired or query ID is invalid',
    });
    expect(await refusal(api.answerCallbackQuery('q2', { text: 't'.repeat(LIMITS.callbackAnswerChars + 1) }))).toEqual({
      code: 400,
      description: 'Bad Request: MESSAGE_TOO_LONG',
    });
  });

  it('edits: nothing changed is "not modified"; a message the bot did not send, or in another chat, is not found', async () => {
    const { api } = setup();
    const m = await api.sendMessage(1, '<b>Card</b>', { parse_mode: 'HTML', ...button('a') });
    expect(await refusal(api.editMessageText(1, m.message_id, '<b>Card</b>', { parse_mode: 'HTML', ...button('a') }))).toEqual({
      code: 400,
      description:
        'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
    });
    expect(await refusal(api.editMessageReplyMarkup(1, m.message_id, button('a')))).toMatchObject({
      description: expect.stringContaining('message is not modified'),
    });
    await api.editMessageText(1, m.message_id, '<b>Card</b>', { parse_mode: 'HTML', ...button('b') });
    expect(await refusal(api.editMessageText(2, m.message_id, 'x'))).toEqual({
      code: 400,
      description: 'Bad Request: message to edit not found',
    });
    expect(await refusal(api.editMessageText(1, 99_999, 'x'))).toEqual({
      code: 400,
      description: 'Bad Request: message to edit not found',
    });
    expect(await refusal(api.editMessageText(1, m.message_id, ''))).toEqual({
      code: 400,
      description: 'Bad Request: text must be non-empty',
    });
  });

  it('403 for a user who blocked the bot or never started it', async () => {
    const { api, fake } = setup();
    fake.blockedBy(7);
    fake.neverStarted(8);
    expect(await refusal(api.sendMessage(7, 'hi'))).toEqual({ code: 403, description: 'Forbidden: bot was blocked by the user' });
    expect(await refusal(api.sendMessage(8, 'hi'))).toEqual({
      code: 403,
      description: "Forbidden: bot can't initiate conversation with a user",
    });
    fake.onlyStartedBy(9);
    await api.sendMessage(9, 'hi');
    expect((await refusal(api.sendMessage(10, 'hi'))).code).toBe(403);
  });

  it('pacing: a burst to one private chat, then about one a second; 20 a minute to a group; 30 a second overall', async () => {
    const { api, tick } = setup();
    for (let i = 0; i < 5; i++) await api.sendMessage(1, `m${i}`);
    expect(await refusal(api.sendMessage(1, 'm5'))).toEqual({ code: 429, description: 'Too Many Requests: retry after 1', retryAfter: 1 });
    tick(1000);
    await api.sendMessage(1, 'm5');

    for (let i = 0; i < 20; i++) await api.sendMessage(-100, `g${i}`);
    expect(await refusal(api.sendMessage(-100, 'g20'))).toEqual({
      code: 429,
      description: 'Too Many Requests: retry after 3',
      retryAfter: 3,
    });

    tick(60_000);
    for (let chat = 1000; chat < 1030; chat++) await api.sendMessage(chat, 'hi');
    expect((await refusal(api.sendMessage(2000, 'hi'))).code).toBe(429);
  });

  it('a bot that floods one chat gets 429 and retries after retry_after (the product’s auto-retry)', async () => {
    const fake = new FakeBotApi();
    const api = new Api('1:T', { fetch: fake.fetch as never });
    api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30 }));
    for (let i = 0; i < 6; i++) await api.sendMessage(42, `line ${i}`);
    expect(fake.chat(42).map((m) => m.text)).toEqual(['line 0', 'line 1', 'line 2', 'line 3', 'line 4', 'line 5']);
    expect(fake.refused('sendMessage').map((c) => c.error?.error_code)).toEqual([429]);
  });

  it('files: documents up to 50 MB sent, getFile up to 20 MB', async () => {
    const { api, fake } = setup();
    const big = new InputFile(new Uint8Array(LIMITS.documentBytes + 1), 'big.pdf');
    expect(await refusal(api.sendDocument(1, big))).toEqual({ code: 413, description: 'Request Entity Too Large' });
    fake.files.set('small', new Uint8Array(10));
    fake.files.set('huge', new Uint8Array(LIMITS.downloadBytes + 1));
    await expect(api.getFile('small')).resolves.toMatchObject({ file_path: 'files/small' });
    expect(await refusal(api.getFile('huge'))).toEqual({ code: 400, description: 'Bad Request: file is too big' });
    expect(await refusal(api.getFile('nope'))).toEqual({ code: 400, description: 'Bad Request: invalid file_id' });
  });

  it('an unknown method is 404 and fails the test that called it', async () => {
    const { api } = setup();
    expect(await refusal((api.raw as unknown as Record<string, (p: object) => Promise<unknown>>).sendTelepathy!({}))).toEqual({
      code: 404,
      description: 'Not Found',
    });
    // The setup file would fail this test on the violation; take it here to show it was recorded.
    expect(takeFakeTelegramViolations()).toEqual([expect.stringContaining('"sendTelepathy", which the Bot API does not have')]);
  });
});
