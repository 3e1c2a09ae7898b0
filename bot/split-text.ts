/** Telegram's limit for one message's text. */
export const TELEGRAM_TEXT_MAX = 4096;

/**
 * Splits a long text into messages of at most `max` characters (UTF-16 units, as Telegram counts),
 * cutting at a paragraph break if one is in the second half of the piece, else at a line break, else
 * at a space, else anywhere; never inside a surrogate pair (an emoji would turn into two broken
 * halves) nor inside an HTML entity like `&amp;` (the HTML parser would refuse the message).
 * The breaks it cuts at are dropped, so no part starts or ends with blank lines.
 */
export function splitText(text: string, max = TELEGRAM_TEXT_MAX): string[] {
  if (max < 16) throw new RangeError('splitText: max must be at least 16');
  const parts: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const cut = cutPoint(rest, max);
    const part = rest.slice(0, cut).replace(/\s+$/u, '');
    if (part) parts.push(part);
    rest = rest.slice(cut).replace(/^\s+/u, '');
  }
  if (rest || parts.length === 0) parts.push(rest);
  return parts;
}

function cutPoint(text: string, max: number): number {
  const window = text.slice(0, max + 1);
  const half = Math.floor(max / 2);
  for (const sep of ['\n\n', '\n', ' ']) {
    const at = window.lastIndexOf(sep, max - (sep.length - 1));
    if (at >= half) return safe(text, at + sep.length > max ? at : at + sep.length);
  }
  return safe(text, max);
}

/** Moves a cut back so it falls neither between the halves of a surrogate pair nor inside `&…;`. */
function safe(text: string, cut: number): number {
  let at = cut;
  const amp = text.lastIndexOf('&', at - 1);
  if (amp !== -1 && at - amp <= 10) {
    const semi = text.indexOf(';', amp);
    if (semi >= at && /^&(#\d+|#x[0-9a-f]+|[a-z]+);$/i.test(text.slice(amp, semi + 1))) at = amp;
  }
  const code = text.charCodeAt(at - 1);
  if (code >= 0xd800 && code <= 0xdbff) at -= 1;
  return at > 0 ? at : cut;
}
