/**
 * Telegram's `parse_mode: 'HTML'`, as the Bot API reads it: only Telegram's tags, properly nested,
 * and every `<`, `>` and `&` outside a tag written as an entity (Telegram's docs: "All <, > and &
 * symbols that are not a part of a tag or an HTML entity must be replaced with the corresponding
 * HTML entities"). Returns the text a reader sees (its length is what the 4096/1024 limits count)
 * and the entities, or the "can't parse entities" description Telegram answers with.
 *
 * Runtime-neutral (no Node APIs): the Worker suite's fake uses it inside workerd too.
 */
export interface ParsedEntity {
  type: string;
  offset: number;
  length: number;
  url?: string;
}

export type HtmlParse = { ok: true; text: string; entities: ParsedEntity[] } | { ok: false; description: string };

/** Tag → entity type; `span` only with class="tg-spoiler". */
const TAGS: Record<string, string> = {
  b: 'bold',
  strong: 'bold',
  i: 'italic',
  em: 'italic',
  u: 'underline',
  ins: 'underline',
  s: 'strikethrough',
  strike: 'strikethrough',
  del: 'strikethrough',
  span: 'spoiler',
  'tg-spoiler': 'spoiler',
  a: 'text_link',
  code: 'code',
  pre: 'pre',
  blockquote: 'blockquote',
  'tg-emoji': 'custom_emoji',
};

const ENTITY = /^&(lt|gt|amp|quot|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});/;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

const encoder = new TextEncoder();
const byteOffset = (src: string, i: number) => encoder.encode(src.slice(0, i)).length;
const fail = (reason: string): HtmlParse => ({ ok: false, description: `Bad Request: can't parse entities: ${reason}` });

interface Open {
  tag: string;
  start: number;
  attrs: Record<string, string>;
}

export function parseTelegramHtml(src: string): HtmlParse {
  let text = '';
  const stack: Open[] = [];
  const entities: ParsedEntity[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === '&') {
      const m = ENTITY.exec(src.slice(i, i + 12));
      if (!m) return fail(`Character "&" must be escaped as "&amp;" at byte offset ${byteOffset(src, i)}`);
      const name = m[1]!;
      text += NAMED[name] ?? String.fromCodePoint(name.startsWith('#x') ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10));
      i += m[0].length;
      continue;
    }
    if (c === '>') return fail(`Character ">" must be escaped as "&gt;" at byte offset ${byteOffset(src, i)}`);
    if (c !== '<') {
      text += c;
      i++;
      continue;
    }
    const close = src.indexOf('>', i);
    if (src[i + 1] === '/') {
      if (close < 0) return fail(`Unclosed end tag at byte offset ${byteOffset(src, i)}`);
      const name = src
        .slice(i + 2, close)
        .trim()
        .toLowerCase();
      const top = stack.pop();
      if (!top) return fail(`Unexpected end tag at byte offset ${byteOffset(src, i)}`);
      if (top.tag !== name)
        return fail(`Unmatched end tag at byte offset ${byteOffset(src, i)}, expected "</${top.tag}>", found "</${name}>"`);
      entities.push(entityOf(top, text.length));
      i = close + 1;
      continue;
    }
    const name = /^[a-zA-Z][a-zA-Z0-9-]*/.exec(src.slice(i + 1))?.[0]?.toLowerCase() ?? '';
    if (!(name in TAGS)) return fail(`Unsupported start tag "${name}" at byte offset ${byteOffset(src, i)}`);
    if (close < 0) return fail(`Unclosed start tag at byte offset ${byteOffset(src, i)}`);
    const attrs = readAttributes(src.slice(i + 1 + name.length, close));
    if (attrs === null) return fail(`Empty attribute name in the tag "${name}" at byte offset ${byteOffset(src, i)}`);
    if (name === 'span' && attrs.class !== 'tg-spoiler')
      return fail(`Tag "span" must have class "tg-spoiler" at byte offset ${byteOffset(src, i)}`);
    if (name === 'tg-emoji' && !/^[0-9]+$/.test(attrs['emoji-id'] ?? ''))
      return fail(`Custom emoji entity must contain a valid custom emoji identifier at byte offset ${byteOffset(src, i)}`);
    const parent = stack.at(-1)?.tag;
    if ((parent === 'code' || (parent === 'pre' && name !== 'code')) && name) {
      return fail(`Tag "${name}" can't be inside tag "${parent}" at byte offset ${byteOffset(src, i)}`);
    }
    stack.push({ tag: name, start: text.length, attrs });
    i = close + 1;
  }
  const open = stack.pop();
  if (open) return fail(`Can't find end tag corresponding to start tag "${open.tag}"`);
  return { ok: true, text, entities };
}

function entityOf(o: Open, end: number): ParsedEntity {
  const type = o.tag === 'blockquote' && 'expandable' in o.attrs ? 'expandable_blockquote' : TAGS[o.tag]!;
  return { type, offset: o.start, length: end - o.start, ...(o.tag === 'a' ? { url: o.attrs.href ?? '' } : {}) };
}

/** `name="v"`, `name='v'`, `name=v` or a bare `name`; null when the declaration is malformed. */
function readAttributes(raw: string): Record<string, string> | null {
  const attrs: Record<string, string> = {};
  const re = /\s*([a-zA-Z-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/y;
  let rest = raw.replace(/\/\s*$/, '');
  while (rest.trim() !== '') {
    re.lastIndex = 0;
    const m = re.exec(rest);
    if (!m || m[0] === '') return null;
    const value = m[2] ?? m[3] ?? m[4] ?? '';
    attrs[m[1]!.toLowerCase()] = value
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
    rest = rest.slice(m[0].length);
  }
  return attrs;
}
