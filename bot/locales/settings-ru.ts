import type { settingsEn } from './settings-en.js';

/** Russian texts of /settings and /tz, typed by the English ones. */
export const settingsRu: typeof settingsEn = {
  settings: {
    ownerOnly: 'Реквизиты компании меняет только владелец.',
    title: 'Реквизиты компании в коммерческих предложениях. Нажмите на поле, чтобы изменить его.',
    fields: {
      name: 'Название компании',
      legalName: 'Юридическое название',
      taxId: 'ИНН',
      address: 'Адрес',
      phone: 'Телефон',
      email: 'Email',
      website: 'Сайт',
      proposalValidDays: 'Срок действия КП, дней',
      proposalNote: 'Примечание под итогом',
    },
    empty: '—',
    ask: (p) => `Пришлите новое значение: ${p.field}. Чтобы очистить поле, пришлите «-».`,
    askName: 'Пришлите название компании, как его увидит клиент в КП.',
    askDays: 'Сколько дней действуют цены в КП? Число от 1 до 365.',
    badDays: 'Пришлите число дней от 1 до 365, например 14.',
    current: (p) => `Сейчас: ${p.value}`,
    saved: (p) => `✅ ${p.field}: сохранено.`,
    vat: {
      line: (p) => `НДС: ${p.mode}`,
      modes: { none: 'не облагается', included: 'включён в цены', on_top: 'начисляется сверху' },
      withRate: (p) => `${p.mode}, ${p.rate}`,
      buttons: { none: 'Без НДС', included: 'НДС в т.ч.', on_top: 'НДС сверху' },
      rateButton: (p) => `Ставка НДС: ${p.rate}`,
      askRate: 'Пришлите ставку НДС в процентах, например 22 или 7,5.',
      badRate: 'Пришлите ставку больше 0 и меньше 100 процентов, не больше двух знаков после запятой: 22, 10, 7,5.',
      saved: '✅ НДС сохранён: следующее КП напечатает его под итогом.',
    },
  },
  tz: {
    current: (p) => `Ваш часовой пояс: ${p.zone} (сейчас ${p.time}).`,
    usage: 'Чтобы сменить: /tz Asia/Vladivostok, /tz Новосибирск или /tz +7 (часы от UTC), /tz МСК+7.',
    changed: (p) => `✅ Часовой пояс: ${p.zone}. У вас сейчас ${p.time}. Утренний список придёт в начале вашего дня.`,
    unknown: 'Не знаю такого часового пояса. Примеры: /tz Asia/Vladivostok, /tz Новосибирск, /tz +7, /tz UTC.',
  },
};
