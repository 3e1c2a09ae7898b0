/** Texts of client conversations: what a client reads, and what managers see of their messages. */
export const clientsEn = {
  clients: {
    greeting: 'Hello! Thank you for writing to us. Tell us what you are looking for, and a manager will answer you right here.',
    askPhone: 'If you like, share your phone number with the button below, so we can call you back.',
    sharePhone: '📱 Share phone number',
    phoneThanks: 'Thank you! We have your number.',
    /** The only thing a client hears for a command, a button or anything the bot does not relay. */
    neutral: 'Thank you! A manager will answer you here.',
    /** A relayed message's heading for the manager: "💬 Lead #12 · Ivan (@ivan)". */
    from: (p: { number: number; name: string }) => `💬 Lead #${p.number} · ${p.name}`,
    replyHint: 'Reply to this message to answer the client.',
    poolExcerpt: (p: { number: number }) => `💬 A client wrote on lead #${p.number} (not taken yet)`,
    delivered: '✅ Sent to the client.',
    blocked: (p: { number: number }) => `⛔ The client of lead #${p.number} has blocked the bot: the message was not delivered. Reach them another way.`,
    unsupported: 'Only text, photos, documents and voice messages can be sent to a client.',
    businessOn: '🔗 Your Telegram Business account is connected: people who write to you there become your leads, and both sides of those chats are kept on the lead. I never answer there myself.',
    businessOff: '🔌 Your Telegram Business account was disconnected: chats there are no longer logged in the CRM.',
    kinds: { text: '', photo: '🖼 photo', document: '📎 document', voice: '🎤 voice message' },
  },
  clientHistory: {
    client_message: (p: { text: string }) => `✉️ ${p.text}`,
    client_reply: (p: { text: string }) => `↩️ ${p.text}`,
    client_started: 'started the chat with the bot again',
    client_phone: (p: { phone: string }) => `shared the phone ${p.phone}`,
    client_linked: (p: { phone: string }) => `wrote in Telegram, phone ${p.phone}`,
    merged_into: (p: { number: number }) => `merged into lead #${p.number}`,
    merged_from: (p: { number: number }) => `the Telegram chat of lead #${p.number} joined this lead`,
    client_blocked: '⛔ the client blocked the bot',
  },
};
