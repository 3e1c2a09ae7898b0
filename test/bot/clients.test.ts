import { describe, expect, it } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import { activities, clientMessages, history, leads, telegramClients } from '../../db/schema/index.js';
import { en } from '../../bot/locales/en.js';
import { ru } from '../../bot/locales/ru.js';
import { cb } from '../../bot/callback-data.js';
import { listMyLeads } from '../../src/core/leads/list-leads.js';
import { memberActor, memberByTelegram } from '../../src/core/team/member-by-telegram.js';
import { botWorld, TEAM_CHAT, useBotWorld } from '../helpers/bot-world.js';
import { clientUpdate, type ClientContent } from '../helpers/client-updates.js';
import { callbackUpdate, findButton, tgUser, type FakeMessage } from '../helpers/telegram.js';

const owner = tgUser(1, 'Olga', 'ru');
const anna = tgUser(2, 'Anna', 'en');
const kate = tgUser(501, 'Kate', 'en', 'Smith');
const ivan = tgUser(502, 'Иван', 'ru');

describe('clients who write to the bot', () => {
  const w = useBotWorld({ owner, managers: [anna] });
  const say = (user: typeof kate, c: ClientContent, opts?: { messageId?: number; replyTo?: FakeMessage }) => w.bot.handleUpdate(clientUpdate(user, c, opts));
  const leadOf = async (user: typeof kate) => {
    const [client] = await w.h.db.select().from(telegramClients).where(eq(telegramClients.telegramId, user.id));
    const [lead] = await w.h.db.select().from(leads).where(eq(leads.id, client!.leadId!));
    return lead!;
  };
  const timeline = async (leadId: string) =>
    (await w.h.db.select().from(history).where(eq(history.entityId, leadId)).orderBy(history.createdAt, history.id)).map((r) => r.action);

  /** Kate starts from the site's link, Anna takes her lead from the team chat. */
  async function kateWithAnna() {
    await w.send(kate, '/start src_site');
    await w.deliver();
    await w.tap(anna, ru.buttons.take, w.api.last(TEAM_CHAT));
    return leadOf(kate);
  }

  it('a deep-linked start greets the client in their language and makes a Telegram lead with the link’s source', async () => {
    await w.send(kate, '/start src_site');
    const greeting = w.api.last(kate.id);
    expect(greeting.text).toBe(`${en.clients.greeting}\n\n${en.clients.askPhone}`);
    const keyboard = w.api.sent('sendMessage').at(-1)!.reply_markup;
    expect(keyboard.keyboard[0][0]).toMatchObject({ text: en.clients.sharePhone, request_contact: true });

    const lead = await leadOf(kate);
    expect(lead).toMatchObject({ channel: 'telegram', source: 'telegram:site', name: 'Kate Smith', status: 'new', assigneeId: null, phone: null });
    expect(lead.extra).toMatchObject({ telegramUsername: '@kate', telegramId: kate.id });

    await w.deliver();
    const card = w.api.last(TEAM_CHAT);
    expect(card.text).toContain(ru.card.title({ number: lead.number }));
    expect(card.text).toContain(ru.channels.telegram);

    // A Russian speaker gets the Russian greeting; starting again joins the same lead.
    await w.send(ivan, '/start');
    expect(w.api.last(ivan.id).text).toContain(ru.clients.greeting);
    await w.send(kate, '/start src_ads');
    expect((await w.h.db.select().from(leads)).filter((l) => l.channel === 'telegram')).toHaveLength(2);
    expect(await timeline(lead.id)).toContain('client_started');
  });

  it('the greeting comes from CLIENT_GREETING_EN / _RU; CLIENT_ASK_PHONE=false leaves the phone button out', async () => {
    const greeted = await botWorld({ CLIENT_GREETING_EN: 'Hi from Acme!', CLIENT_GREETING_RU: 'Привет от Акме!', CLIENT_ASK_PHONE: 'false' });
    try {
      await greeted.send(kate, '/start');
      await greeted.send(ivan, '/start');
      expect(greeted.api.last(kate.id).text).toBe('Hi from Acme!');
      expect(greeted.api.last(ivan.id).text).toBe('Привет от Акме!');
      expect(greeted.api.sent('sendMessage').filter((p) => p.reply_markup?.keyboard)).toHaveLength(0);
    } finally {
      greeted.close();
    }
  });

  it('a shared phone merges the chat into the open lead of that phone, which keeps its manager', async () => {
    const formLead = await w.lead({ name: 'Kate from the form', phone: '+7 999 123-45-67' });
    await w.deliver();
    await w.tap(anna, ru.buttons.take, w.api.last(TEAM_CHAT));
    await w.send(kate, '/start src_site');
    const chatLead = await leadOf(kate);
    expect(chatLead.id).not.toBe(formLead.id);

    await say(kate, { contact: { phone: '79991234567', userId: kate.id } });
    expect(w.api.last(kate.id).text).toBe(en.clients.phoneThanks);
    expect(w.api.sent('sendMessage').at(-1)!.reply_markup).toEqual({ remove_keyboard: true });

    const merged = await leadOf(kate);
    expect(merged.id).toBe(formLead.id);
    const [closed] = await w.h.db.select().from(leads).where(eq(leads.id, chatLead.id));
    expect(closed).toMatchObject({ status: 'junk', junkReason: 'duplicate' });
    expect(await timeline(formLead.id)).toContain('merged_from');

    // What she writes now reaches the form lead's manager.
    await say(kate, { text: 'Is the offer still valid?' });
    expect(w.api.last(anna.id).text).toContain('Is the offer still valid?');
    expect(w.api.last(anna.id).text).toContain(en.clients.from({ number: formLead.number, name: 'Kate Smith (@kate)' }));
  });

  it('a client’s message reaches the assignee, the reply reaches the client, both on the lead’s timeline', async () => {
    const lead = await kateWithAnna();
    await say(kate, { text: 'How much is the <premium> plan & delivery?' });
    const relayed = w.api.last(anna.id);
    expect(relayed.text).toBe(`<b>${en.clients.from({ number: lead.number, name: 'Kate Smith (@kate)' })}</b>\nHow much is the &lt;premium&gt; plan &amp; delivery?`);

    // Unanswered, the lead is overdue at the top of Anna's list.
    const annaCtx = w.deps.core(memberActor((await memberByTelegram(w.deps, anna.id))!));
    w.deps.clock.advance(60_000);
    expect((await listMyLeads(annaCtx)).items[0]).toMatchObject({ lead: { id: lead.id }, overdue: true });

    await w.send(anna, '100 EUR, delivery is free.', { replyTo: relayed });
    expect(w.api.last(kate.id).text).toBe('100 EUR, delivery is free.');
    expect(w.api.last(anna.id).text).toBe(en.clients.delivered);

    const stored = await w.h.db.select().from(clientMessages).where(eq(clientMessages.leadId, lead.id)).orderBy(clientMessages.at, clientMessages.direction);
    expect(stored.map((m) => [m.direction, m.text])).toEqual([
      ['in', 'How much is the <premium> plan & delivery?'],
      ['out', '100 EUR, delivery is free.'],
    ]);
    const open = await w.h.db.select().from(activities).where(and(eq(activities.leadId, lead.id), isNull(activities.doneAt)));
    expect(open.map((a) => a.subject)).toEqual(['follow_up']);
    expect((await listMyLeads(annaCtx)).items[0]).toMatchObject({ overdue: false });

    // Anna's History page shows the conversation.
    await w.bot.handleUpdate(callbackUpdate(anna, w.api.last(anna.id), cb.history(lead.id, 0)));
    const page = w.api.last(anna.id).text;
    expect(page).toContain('✉️ How much is the &lt;premium&gt; plan &amp; delivery?');
    expect(page).toContain('Anna: ↩️ 100 EUR, delivery is free.');
  });

  it('photos, documents and voice go by file_id both ways; a long message arrives split', async () => {
    await kateWithAnna();
    await say(kate, { photo: 'PHOTO-1', caption: 'like this one' });
    const photo = w.api.sent('sendPhoto').at(-1)!;
    expect(photo).toMatchObject({ chat_id: anna.id, photo: 'PHOTO-1' });
    expect(photo.caption).toContain('like this one');
    // Telegram paces a private chat at about a message a second: the client takes a breath between sends.
    w.deps.clock.advance(5_000);
    await say(kate, { voice: 'VOICE-1' });
    expect(w.api.sent('sendVoice').at(-1)).toMatchObject({ chat_id: anna.id, voice: 'VOICE-1' });

    await w.bot.handleUpdate(clientUpdate(anna, { document: 'DOC-9', caption: 'our price list' }, { replyTo: w.api.last(anna.id) }));
    expect(w.api.sent('sendDocument').at(-1)).toMatchObject({ chat_id: kate.id, document: 'DOC-9', caption: 'our price list' });

    w.deps.clock.advance(5_000);
    const long = `${'Word '.repeat(700)}\n\n${'Другое 😀 '.repeat(300)}`;
    await say(kate, { text: long });
    const parts = w.api.sent('sendMessage').filter((p) => p.chat_id === anna.id).slice(-2);
    expect(parts.every((p) => p.text.length <= 4096)).toBe(true);
    expect(parts[1]!.text.trim()).toBe('Другое 😀 '.repeat(300).trim());
  });

  it('a client sees no CRM data whatever they send: commands, text, forged buttons', async () => {
    const secret = await w.lead({ name: 'Secret Buyer', phone: '+7 999 777-66-55' });
    await w.deliver();
    for (const text of ['/leads', '/find Secret', `/find #${secret.number}`, '/team', '/help', '/new', '/export leads', '/settings', '/deals']) {
      await w.send(kate, text);
    }
    for (const data of [cb.take(secret.id), cb.card(secret.id), cb.history(secret.id, 0), cb.call(secret.id), 'lp:0', 'inv:owner']) {
      await w.bot.handleUpdate(callbackUpdate(kate, w.api.last(kate.id), data));
    }
    await say(kate, { text: `Tell me about lead #${secret.number}` });

    const seen = w.api.calls.filter((c) => c.payload.chat_id === kate.id || c.method === 'answerCallbackQuery');
    const texts = seen.map((c) => c.payload.text ?? '');
    expect(new Set(texts)).toEqual(new Set([en.clients.neutral]));
    expect(seen.filter((c) => c.method === 'sendMessage')).toHaveLength(9);
    // Payloads only: the calls' timestamps could contain "777" by chance.
    expect(JSON.stringify(seen.map((c) => c.payload))).not.toMatch(/Secret|777|inline_keyboard/);
    const [after] = await w.h.db.select().from(leads).where(eq(leads.id, secret.id));
    expect(after).toMatchObject({ assigneeId: null, status: 'new' });
    // Nor can a client join the team with something that is not an invite code.
    await w.send(kate, '/start ownerplease');
    expect(await memberByTelegram(w.deps, kate.id)).toBeNull();
  });

  it('a message Telegram delivers twice is stored, relayed and logged once', async () => {
    const lead = await kateWithAnna();
    const before = w.api.chat(anna.id).length;
    await say(kate, { text: 'Hello?' }, { messageId: 777 });
    await say(kate, { text: 'Hello?' }, { messageId: 777 });
    expect(await w.h.db.select().from(clientMessages).where(eq(clientMessages.leadId, lead.id))).toHaveLength(1);
    expect(w.api.chat(anna.id).length).toBe(before + 1);
    expect((await timeline(lead.id)).filter((a) => a === 'client_message')).toHaveLength(1);
  });

  it('a pool lead’s message goes to the team chat as a masked excerpt with the Take button', async () => {
    await w.send(kate, '/start');
    await w.deliver();
    await say(kate, { text: 'Call me at +7 999 555-44-33 or kate@example.com please' });
    const excerpt = w.api.last(TEAM_CHAT);
    expect(excerpt.text).toContain('•••');
    expect(excerpt.text).not.toMatch(/555|kate@example/);
    expect(findButton(excerpt, ru.buttons.take)).toBeTruthy();
  });

  it('a client who blocked the bot: the lead is marked and the manager told', async () => {
    const lead = await kateWithAnna();
    await say(kate, { text: 'hi' });
    const relayed = w.api.last(anna.id);
    w.api.failWith = (method, p) => (method === 'sendMessage' && p.chat_id === kate.id ? { error_code: 403, description: 'Forbidden: bot was blocked by the user' } : undefined);
    await w.send(anna, 'Are you there?', { replyTo: relayed });
    expect(w.api.last(anna.id).text).toBe(en.clients.blocked({ number: lead.number }));
    expect(await timeline(lead.id)).toContain('client_blocked');
    const [client] = await w.h.db.select().from(telegramClients).where(eq(telegramClients.telegramId, kate.id));
    expect(client!.blockedAt).not.toBeNull();
  });
});
