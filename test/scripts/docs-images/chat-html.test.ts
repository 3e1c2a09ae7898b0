import { describe, expect, it } from 'vitest';
import { parseTelegramHtml } from '../../helpers/telegram-html.js';
import type { ChatMessage } from '../../../scripts/docs-images/capture.js';
import { chatPage, messageHtml } from '../../../scripts/docs-images/chat-html.js';
import { twemojiName } from '../../../scripts/docs-images/studio.js';

/** What Telegram would show for a message the bot sent with parse_mode HTML. */
function seen(html: string) {
  const parsed = parseTelegramHtml(html);
  if (!parsed.ok) throw new Error(parsed.description);
  return parsed;
}

const message = (html: string, buttons: string[][] = [], edited = false): ChatMessage => ({
  ...seen(html),
  buttons: buttons.map((row) => row.map((text) => ({ text, link: false }))),
  at: new Date('2026-11-23T07:12:00Z'),
  edited,
});

const view = (messages: ChatMessage[]) => ({
  kind: 'group' as const,
  title: 'Отдел продаж',
  subtitle: '5 участников',
  sender: 'CRM студии',
  day: '23 ноября',
  editedLabel: 'изменено',
  timeZone: 'Europe/Moscow',
  messages,
});

describe('the chat pictures draw messages as Telegram shows them', () => {
  it('client text that looks like markup stays text; the bot’s own bold and italic become formatting', () => {
    const { text, entities } = seen('<b>Лид #17</b> · <i>Иван &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co</i>');
    const html = messageHtml(text, entities);
    expect(html).toBe('<b>Лид #17</b> · <i>Иван &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co</i>');
    expect(html).not.toContain('<script>');
  });

  it('nested entities close in order, and offsets count UTF-16 units past emoji', () => {
    const { text, entities } = seen('👤 <b>Иван <i>Петров</i></b> ✅');
    expect(messageHtml(text, entities)).toBe('👤 <b>Иван <i>Петров</i></b> ✅');
  });

  it('links Telegram detects by itself: phone numbers, emails, commands; each line on its own', () => {
    const html = messageHtml('📞 +7 916 555-44-33\n3. /find ivan.petrov@example.com', []);
    expect(html).toContain('<span class="link">+7 916 555-44-33</span>\n3.');
    expect(html).toContain('<span class="link">/find</span>');
    expect(html).toContain('<span class="link">ivan.petrov@example.com</span>');
  });

  it('emoji become pictures when there is one, and stay characters otherwise', () => {
    const html = messageHtml('✅ 👨‍💼 ✉️', [], (e) => (e === '✅' ? '/emoji/2705.svg' : null));
    expect(html).toBe('<img class="emoji" alt="✅" src="/emoji/2705.svg"> 👨‍💼 ✉️');
    expect(twemojiName('✉️')).toBe('2709');
    expect(twemojiName('👨‍💼')).toBe('1f468-200d-1f4bc');
  });

  it('keeps every button row under its bubble, escaped, and marks edits before the time', () => {
    const page = chatPage(
      view([
        message('✅ Лид #16 взял(а) Борис за 2 мин', [], true),
        message('<b>🆕 Новый лид</b>', [['✋ Взять'], ['<b>1</b>', '📅 2'], []]),
      ]),
    );
    expect(page.match(/class="krow"/g)).toHaveLength(2);
    expect(page).toContain('<div class="button">✋ Взять</div>');
    expect(page).toContain('<div class="button">&lt;b&gt;1&lt;/b&gt;</div>');
    expect(page).toContain('<span class="meta">изменено 10:12</span>');
    expect(page).toContain('<div class="sender">CRM студии</div>');
    // The sender's name heads the first bubble only; the avatar stands by the last.
    expect(page.match(/class="sender"/g)).toHaveLength(1);
    expect(page.match(/class="avatar small"/g)).toHaveLength(1);
  });
});
