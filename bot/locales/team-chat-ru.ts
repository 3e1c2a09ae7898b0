import type { teamChatEn } from './team-chat-en.js';
import { quoteRu } from '../quote.js';

/** Russian texts of the team chat and /pool; typed by the English ones. */
export const teamChatRu: typeof teamChatEn = {
  teamChat: {
    waited: (p) => (p.minutes < 1 ? 'только что' : `ждёт ${p.minutes} мин`),
    takenBy: (p) => `Лид #${p.number} взял(а) ${p.name} за ${p.minutes} мин`,
    closed: (p) => `Лид #${p.number} закрыт`,
    listTitle: (p) => `🆕 Новые лиды: ${p.count}`,
    takeNumber: (p) => `✋ Взять #${p.number}`,
    notThisCard: 'Эта кнопка не относится к этому сообщению. Ничего не изменено.',
    usePrivate: (p) => `Команды работают в личном чате со мной, чтобы здесь не было ничего личного: ${p.url}`,
    openPrivate: 'Открыть личный чат',
    bindAsk: (p) => `Сделать ${quoteRu(p.title)} командным чатом? Новые лиды будут приходить сюда. Подтверждает владелец.`,
    bindConfirm: '✅ Лиды — в этот чат',
    bindDone: (p) => `${quoteRu(p.title)} теперь командный чат: новые лиды приходят сюда.`,
    bindOwnerOnly: 'Командный чат выбирает только владелец.',
    bindOverridden: 'На сервере задан LEADS_CHAT_ID: пока он задан, лиды идут в указанный там чат.',
    poolNudgeTitle: (p) => `⏳ Не взяты дольше срока первого контакта: ${p.count}`,
    more: (p) => `…и ещё ${p.count} в /pool`,
    openPool: '📋 Открыть пул',
    alerts: {
      bot_removed: '⚠️ Бота удалили из командного чата: новые лиды туда не придут. Верните бота или выберите другой чат.',
      cannot_post: '⚠️ Бот больше не может писать в командный чат: новые лиды туда не придут. Дайте ему право писать.',
      stranger_joined: (p) => `⚠️ ${p.name} вступил(а) в командный чат, но не состоит в команде. Удалите, если ему не положено видеть лиды.`,
      remove_by_hand: (p) => `Удалите ${p.name} из командного чата вручную: бот там не администратор и не смог.`,
    },
    detailsButton: (p) => (p.mode === 'full' ? 'Командный чат: все данные (нажмите для кратких)' : 'Командный чат: кратко (нажмите для всех данных)'),
    detailsSet: (p) => (p.mode === 'full' ? 'Командный чат теперь показывает все данные новых лидов.' : 'Командный чат теперь показывает краткие карточки: контакты — только в личной карточке взявшего.'),
    removedFromChat: (p) => `${p.name} удалён(а) из командного чата.`,
  },
  poolList: {
    title: (p) => `<b>Пул: не взято ${p.total}</b> (сначала старые)`,
    empty: 'Пул пуст: у каждого лида есть менеджер.',
    line: (p) => `#${p.number} ${p.name} · ${p.channel} · ${p.waited}`,
    prev: '‹ Назад',
    next: 'Ещё ›',
  },
};
