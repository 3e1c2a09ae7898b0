import { InlineKeyboard } from 'grammy';

/**
 * A flow's choice step under a card (a status, a junk reason, a stage, a field): one button per
 * value, `columns` to a row, so short labels read two abreast. The caller adds the way back
 * (Cancel on a lead card, Back to deal on a deal card), which differs per side.
 */
export function choiceKeyboard<T>(values: readonly T[], button: (value: T) => readonly [label: string, data: string], columns = 2): InlineKeyboard {
  const kb = new InlineKeyboard();
  values.forEach((value, i) => {
    kb.text(...button(value));
    if (i % columns === columns - 1) kb.row();
  });
  return kb;
}
