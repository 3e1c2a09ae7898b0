import type { InlineKeyboardMarkup } from 'grammy/types';

/**
 * Every inline keyboard the fake Bot API accepted in this test file, with the method that carried
 * it. The keyboard sweep (test/bot/keyboard-sweep.test.ts) reads it after driving every flow.
 */
export interface SeenKeyboard {
  via: string;
  markup: InlineKeyboardMarkup;
}

const seen: SeenKeyboard[] = [];

export function recordKeyboard(via: string, markup: InlineKeyboardMarkup | undefined): void {
  if (markup) seen.push({ via, markup });
}

export function seenKeyboards(): readonly SeenKeyboard[] {
  return seen;
}
