import type { clientsEn } from './clients-en.js';

export const clientsRu: typeof clientsEn = {
  clients: {
    greeting: 'Здравствуйте! Спасибо, что написали. Расскажите, что вас интересует, и менеджер ответит вам прямо здесь.',
    askPhone: 'Если удобно, поделитесь номером телефона кнопкой ниже, чтобы мы могли перезвонить.',
    sharePhone: '📱 Поделиться номером',
    phoneThanks: 'Спасибо! Номер получили.',
    neutral: 'Спасибо! Менеджер ответит вам здесь.',
    from: (p) => `💬 Лид #${p.number} · ${p.name}`,
    replyHint: 'Ответьте на это сообщение, чтобы написать клиенту.',
    poolExcerpt: (p) => `💬 Клиент написал по лиду #${p.number} (ещё не взят)`,
    delivered: '✅ Отправлено клиенту.',
    blocked: (p) => `⛔ Клиент лида #${p.number} заблокировал бота: сообщение не доставлено. Свяжитесь с ним иначе.`,
    unsupported: 'Клиенту можно отправить только текст, фото, документ или голосовое сообщение.',
    businessOn: '🔗 Ваш аккаунт Telegram Business подключён: те, кто пишет вам там, становятся вашими лидами, а переписка с обеих сторон сохраняется в лиде. Сам я там никогда не отвечаю.',
    businessOff: '🔌 Ваш аккаунт Telegram Business отключён: переписка там больше не сохраняется в CRM.',
    kinds: { text: '', photo: '🖼 фото', document: '📎 документ', voice: '🎤 голосовое сообщение' },
  },
  clientHistory: {
    client_message: (p) => `✉️ ${p.text}`,
    client_reply: (p) => `↩️ ${p.text}`,
    client_started: 'снова открыл чат с ботом',
    client_phone: (p) => `поделился номером ${p.phone}`,
    client_linked: (p) => `написал в Telegram, телефон ${p.phone}`,
    merged_into: (p) => `объединён с лидом #${p.number}`,
    merged_from: (p) => `чат Telegram лида #${p.number} присоединён к этому лиду`,
    client_blocked: '⛔ клиент заблокировал бота',
  },
};
