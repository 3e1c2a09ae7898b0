import { describe, expect, it } from 'vitest';
import { splitText, TELEGRAM_TEXT_MAX } from '../../bot/split-text.js';

const isHalfSurrogate = (code: number) => code >= 0xd800 && code <= 0xdfff;

describe('splitText: long messages in parts Telegram accepts', () => {
  it('leaves a short text whole', () => {
    expect(splitText('hello')).toEqual(['hello']);
    expect(splitText('')).toEqual(['']);
    expect(splitText('x'.repeat(TELEGRAM_TEXT_MAX))).toHaveLength(1);
  });

  it('cuts at a paragraph break first, then a line break, then a space', () => {
    const para = `${'a'.repeat(3000)}\n\n${'b'.repeat(3000)}`;
    expect(splitText(para)).toEqual(['a'.repeat(3000), 'b'.repeat(3000)]);
    const lines = `${'a'.repeat(3000)}\n${'b'.repeat(3000)}`;
    expect(splitText(lines)).toEqual(['a'.repeat(3000), 'b'.repeat(3000)]);
    const words = 'word '.repeat(2000).trim();
    const parts = splitText(words);
    expect(parts.every((p) => p.length <= TELEGRAM_TEXT_MAX && !p.startsWith(' ') && !p.endsWith(' '))).toBe(true);
    expect(parts.join(' ')).toBe(words);
  });

  it('never splits an emoji’s surrogate pair', () => {
    const text = `${'a'.repeat(4095)}😀${'b'.repeat(10)}`;
    const parts = splitText(text);
    expect(parts.join('')).toBe(text);
    for (const p of parts) {
      expect(isHalfSurrogate(p.charCodeAt(p.length - 1)) && p.charCodeAt(p.length - 1) < 0xdc00).toBe(false);
      expect(p.charCodeAt(0) >= 0xdc00 && p.charCodeAt(0) <= 0xdfff).toBe(false);
    }
    const emoji = '😀'.repeat(5000);
    expect(splitText(emoji).join('')).toBe(emoji);
    expect(splitText(emoji).every((p) => p.length <= TELEGRAM_TEXT_MAX && p.length % 2 === 0)).toBe(true);
  });

  it('never cuts inside an HTML entity', () => {
    const text = `${'x'.repeat(4093)}&amp;${'y'.repeat(20)}`;
    const parts = splitText(text);
    expect(parts).toEqual(['x'.repeat(4093), `&amp;${'y'.repeat(20)}`]);
    const many = '&lt;'.repeat(3000);
    expect(splitText(many).every((p) => /^(&lt;)+$/.test(p) && p.length <= TELEGRAM_TEXT_MAX)).toBe(true);
  });

  it('respects a smaller limit (captions: 1024)', () => {
    const parts = splitText('Lorem ipsum dolor sit amet. '.repeat(200), 1024);
    expect(parts.every((p) => p.length <= 1024)).toBe(true);
    expect(parts.length).toBeGreaterThan(4);
  });
});
