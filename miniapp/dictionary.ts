import type { Language } from '../db/enums.js';
import { messages } from '../bot/i18n.js';
import { miniappEn } from '../bot/locales/miniapp-en.js';
import { miniappRu } from '../bot/locales/miniapp-ru.js';

/**
 * Everything the page shows in words, in one language: the Mini App's own texts plus the bot's
 * names for stages, statuses, channels, reasons and rules, so both speak the same vocabulary.
 */
export function clientDictionary(lang: Language) {
  const t = messages(lang);
  return {
    locale: t.locale,
    ui: lang === 'ru' ? miniappRu : miniappEn,
    dealStages: t.dealStages,
    statuses: t.statuses,
    channels: t.channels,
    lostReasons: t.lostReasons,
    junkReasons: t.junkReasons,
    outcomes: t.outcomes,
    kinds: t.kinds,
    rules: t.rules,
  };
}
export type ClientDictionary = ReturnType<typeof clientDictionary>;
