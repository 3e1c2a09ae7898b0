import type { ParsedEntity } from '../../test/helpers/telegram-html.js';
import type { ChatMessage } from './capture.js';

/**
 * Messages as a Telegram client draws them, as one HTML page: a chat header, bubbles with the
 * parsed entities (bold, italic...), links Telegram detects by itself (phones, emails, URLs,
 * commands), the send time, and inline buttons under each bubble. Pure: the same input gives the
 * same page, so the pictures only change when the product's messages do.
 */
export interface ChatView {
  kind: 'private' | 'group';
  title: string;
  subtitle: string;
  /** The sender's name over bubbles in a group (the bot's display name). */
  sender: string;
  /** The date chip over the messages ("23 ноября"). */
  day: string;
  /** "изменено": the mark a client puts before the time of an edited message. */
  editedLabel: string;
  timeZone: string;
  messages: ChatMessage[];
}

/** Emoji to an image URL (Telegram draws emoji as pictures, not font glyphs); null keeps the character. */
export type EmojiSource = (emoji: string) => string | null;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const EMOJI =
  /\p{Extended_Pictographic}(?:\uFE0F|[\u{1F3FB}-\u{1F3FF}])?(?:\u200D\p{Extended_Pictographic}(?:\uFE0F|[\u{1F3FB}-\u{1F3FF}])?)*|[#*0-9]\uFE0F?\u20E3/gu;

function withEmoji(escaped: string, emoji: EmojiSource): string {
  return escaped.replace(EMOJI, (e) => {
    const src = emoji(e);
    return src ? `<img class="emoji" alt="${e}" src="${escapeHtml(src)}">` : e;
  });
}

/** What Telegram links in plain text without any markup: URLs, emails, +phone numbers, /commands, @mentions. */
const AUTO_LINK = /(https?:\/\/[^\s<>"]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\+\d[\d ()-]{7,}\d|(?<!\S)\/[a-z_]+\b|(?<!\w)@[a-zA-Z]\w{3,})/g;

function plain(text: string, emoji: EmojiSource, link: boolean): string {
  if (!link) return withEmoji(escapeHtml(text), emoji);
  let out = '';
  let at = 0;
  for (const m of text.matchAll(AUTO_LINK)) {
    out += withEmoji(escapeHtml(text.slice(at, m.index)), emoji);
    out += `<span class="link">${escapeHtml(m[0])}</span>`;
    at = m.index + m[0].length;
  }
  return out + withEmoji(escapeHtml(text.slice(at)), emoji);
}

const OPEN: Record<string, string> = {
  bold: '<b>',
  italic: '<i>',
  underline: '<u>',
  strikethrough: '<s>',
  spoiler: '<span class="spoiler">',
  code: '<code>',
  pre: '<pre>',
  text_link: '<span class="link">',
  blockquote: '<blockquote>',
  expandable_blockquote: '<blockquote>',
};
const CLOSE: Record<string, string> = {
  bold: '</b>',
  italic: '</i>',
  underline: '</u>',
  strikethrough: '</s>',
  spoiler: '</span>',
  code: '</code>',
  pre: '</pre>',
  text_link: '</span>',
  blockquote: '</blockquote>',
  expandable_blockquote: '</blockquote>',
};

/**
 * The message text with its entities as HTML. Entities from Telegram HTML nest properly, so they
 * open and close like a stack; offsets count UTF-16 units, as JavaScript strings do.
 */
export function messageHtml(text: string, entities: ParsedEntity[], emoji: EmojiSource = () => null): string {
  const known = entities.filter((e) => e.type in OPEN && e.length > 0);
  const cuts = [...new Set([0, text.length, ...known.flatMap((e) => [e.offset, e.offset + e.length])])].sort((a, b) => a - b);
  const open: ParsedEntity[] = [];
  let out = '';
  for (let i = 0; i < cuts.length - 1; i++) {
    const at = cuts[i]!;
    while (open.length && open.at(-1)!.offset + open.at(-1)!.length <= at) out += CLOSE[open.pop()!.type];
    const starting = known.filter((e) => e.offset === at).sort((a, b) => b.length - a.length);
    for (const e of starting) {
      out += OPEN[e.type];
      open.push(e);
    }
    const inCode = open.some((e) => e.type === 'code' || e.type === 'pre' || e.type === 'text_link');
    out += plain(text.slice(at, cuts[i + 1]), emoji, !inCode);
  }
  while (open.length) out += CLOSE[open.pop()!.type];
  return out;
}

function time(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('ru-RU', { hour: '2-digit', minute: '2-digit', timeZone }).format(at);
}

function keyboardHtml(m: ChatMessage, emoji: EmojiSource): string {
  const rows = m.buttons.filter((row) => row.length > 0);
  if (rows.length === 0) return '';
  const row = (r: ChatMessage['buttons'][number]) =>
    `<div class="krow">${r.map((b) => `<div class="button${b.link ? ' arrow' : ''}">${withEmoji(escapeHtml(b.text), emoji)}</div>`).join('')}</div>`;
  return `<div class="keyboard">${rows.map(row).join('')}</div>`;
}

function initials(name: string): string {
  return [...name.split(/\s+/).filter(Boolean)]
    .slice(0, 2)
    .map((w) => [...w][0]!.toUpperCase())
    .join('');
}

/** One chat as a full HTML page; the element `#chat` is what gets photographed. */
export function chatPage(view: ChatView, emoji: EmojiSource = () => null, css = ''): string {
  const group = view.kind === 'group';
  const items = view.messages.map((m, i) => {
    const meta = `${m.edited ? `${escapeHtml(view.editedLabel)} ` : ''}${time(m.at, view.timeZone)}`;
    const first = i === 0;
    const last = i === view.messages.length - 1;
    const name = group && first ? `<div class="sender">${escapeHtml(view.sender)}</div>` : '';
    const avatar = group ? `<div class="avatar small${last ? '' : ' hidden'}">${escapeHtml(initials(view.sender))}</div>` : '';
    return `<div class="row${last ? ' last' : ''}">${avatar}<div class="message"><div class="bubble">${name}<div class="text">${messageHtml(m.text, m.entities, emoji)}<span class="meta-space">${meta}</span></div><span class="meta">${meta}</span></div>${keyboardHtml(m, emoji)}</div></div>`;
  });
  return `<!doctype html><html lang="ru"><head><meta charset="utf-8"><style>${css}</style></head><body>
<div id="chat" class="chat ${view.kind}">
<header><div class="avatar">${escapeHtml(initials(view.title))}</div><div><div class="title">${escapeHtml(view.title)}</div><div class="subtitle">${escapeHtml(view.subtitle)}</div></div></header>
<main><div class="day"><span>${escapeHtml(view.day)}</span></div>${items.join('\n')}</main>
</div></body></html>`;
}
