import { quoteEn } from '../quote.js';

/** English texts of the team chat (cards, list cards, binding, membership alerts) and /pool; spread into `en`. */
export const teamChatEn = {
  teamChat: {
    waited: (p: { minutes: number }) => (p.minutes < 1 ? 'just now' : `waits ${p.minutes} min`),
    takenBy: (p: { number: number; name: string; minutes: number }) => `Lead #${p.number} taken by ${p.name} in ${p.minutes} min`,
    closed: (p: { number: number }) => `Lead #${p.number} is closed`,
    listTitle: (p: { count: number }) => `🆕 New leads: ${p.count}`,
    takeNumber: (p: { number: number }) => `✋ Take #${p.number}`,
    notThisCard: 'This button does not belong to this message. Nothing was changed.',
    usePrivate: (p: { url: string }) => `Commands work in my private chat, so nothing private shows here: ${p.url}`,
    openPrivate: 'Open the private chat',
    bindAsk: (p: { title: string }) => `Make ${quoteEn(p.title)} the team chat? New leads will be announced here. The owner confirms.`,
    bindConfirm: '✅ Use this chat for leads',
    bindDone: (p: { title: string }) => `${quoteEn(p.title)} is the team chat now: new leads come here.`,
    bindOwnerOnly: 'Only the owner binds the team chat.',
    bindOverridden: 'LEADS_CHAT_ID is set on the server and overrides this choice until it is removed.',
    poolNudgeTitle: (p: { count: number }) => `⏳ Untaken leads past the first-contact limit: ${p.count}`,
    more: (p: { count: number }) => `…and ${p.count} more in /pool`,
    openPool: '📋 Open the pool',
    alerts: {
      bot_removed: '⚠️ The bot was removed from the team chat: new leads cannot be announced there. Add it back, or bind another chat.',
      cannot_post: '⚠️ The bot can no longer post in the team chat: new leads cannot be announced there. Give it the right to post.',
      stranger_joined: (p: { name: string }) => `⚠️ ${p.name} joined the team chat but is not an active team member. Remove them if they should not see leads.`,
      remove_by_hand: (p: { name: string }) => `Remove ${p.name} from the team chat by hand: the bot is not an admin there, so it could not.`,
    },
    detailsButton: (p: { mode: 'short' | 'full' }): string => (p.mode === 'full' ? 'Team chat: full details (tap for short cards)' : 'Team chat: short cards (tap for full details)'),
    detailsSet: (p: { mode: 'short' | 'full' }): string => (p.mode === 'full' ? 'The team chat now shows full details of new leads.' : 'The team chat now shows short cards: contacts only in the taker’s private card.'),
    removedFromChat: (p: { name: string }) => `${p.name} was removed from the team chat.`,
  },
  poolList: {
    title: (p: { total: number }) => `<b>The pool: ${p.total} untaken</b> (oldest first)`,
    empty: 'The pool is empty: every lead has a manager.',
    line: (p: { number: number; name: string; channel: string; waited: string }) => `#${p.number} ${p.name} · ${p.channel} · ${p.waited}`,
    prev: '‹ Back',
    next: 'More ›',
  },
};
