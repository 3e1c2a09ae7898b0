/**
 * Count phrases by the language's plural rules (Intl.PluralRules, CLDR): Russian needs three forms
 * ("1 раз", "2 раза", "5 раз"), English two. Forms a language lacks fall back to `other`.
 */
export interface PluralForms {
  one: string;
  few?: string;
  many?: string;
  other: string;
}

const rules = new Map<string, Intl.PluralRules>();

export function pluralWord(locale: string, n: number, forms: PluralForms): string {
  let rule = rules.get(locale);
  if (!rule) rules.set(locale, (rule = new Intl.PluralRules(locale)));
  const category = rule.select(n) as keyof PluralForms;
  return forms[category] ?? forms.other;
}

/** "3 месяца", "1,000 rows": the number in the locale's grouping, then the word that agrees with it. */
export function countOf(locale: string, n: number, forms: PluralForms): string {
  return `${new Intl.NumberFormat(locale).format(n)} ${pluralWord(locale, n, forms)}`;
}

export const EN_UNITS = {
  times: { one: 'time', other: 'times' },
  days: { one: 'day', other: 'days' },
  months: { one: 'month', other: 'months' },
  rows: { one: 'row', other: 'rows' },
  newLeads: { one: 'new lead', other: 'new leads' },
  exampleProducts: { one: 'example product', other: 'example products' },
} satisfies Record<string, PluralForms>;

export const RU_UNITS: Record<keyof typeof EN_UNITS, PluralForms> = {
  times: { one: 'раз', few: 'раза', many: 'раз', other: 'раза' },
  days: { one: 'день', few: 'дня', many: 'дней', other: 'дня' },
  months: { one: 'месяц', few: 'месяца', many: 'месяцев', other: 'месяца' },
  rows: { one: 'строка', few: 'строки', many: 'строк', other: 'строки' },
  newLeads: { one: 'новый лид', few: 'новых лида', many: 'новых лидов', other: 'нового лида' },
  exampleProducts: { one: 'пример товара', few: 'примера товаров', many: 'примеров товаров', other: 'примера товаров' },
};
