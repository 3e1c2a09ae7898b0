import type { PDFFont } from 'pdf-lib';

const SPACES = /[\u00A0\u2000-\u200B\u202F\u205F\u3000]/g;

/**
 * Text the font can draw: Intl puts narrow no-break spaces in Russian numbers, and clients paste
 * emoji; a glyph the font lacks would print as an empty box, so it becomes a space or "?".
 */
export function drawable(font: PDFFont, text: string): string {
  const known = charSet(font);
  let out = '';
  for (const ch of text.replace(SPACES, ' ').replace(/[\r\n\t]+/g, ' ')) out += known.has(ch.codePointAt(0)!) ? ch : '?';
  return out;
}

const sets = new WeakMap<PDFFont, Set<number>>();
function charSet(font: PDFFont): Set<number> {
  let set = sets.get(font);
  if (!set) sets.set(font, (set = new Set(font.getCharacterSet())));
  return set;
}

/** Greedy word wrap to a width; a single word longer than the line is cut by characters. */
export function wrapText(font: PDFFont, text: string, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of drawable(font, text).split(' ').filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(candidate, size) <= maxWidth) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = word;
    while (font.widthOfTextAtSize(line, size) > maxWidth && line.length > 1) {
      let cut = line.length - 1;
      while (cut > 1 && font.widthOfTextAtSize(line.slice(0, cut), size) > maxWidth) cut--;
      lines.push(line.slice(0, cut));
      line = line.slice(cut);
    }
  }
  if (line) lines.push(line);
  return lines.length > 0 ? lines : [''];
}
