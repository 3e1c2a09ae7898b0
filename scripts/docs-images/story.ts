import type { User } from 'grammy/types';
import { createInvite } from '../../src/core/team/create-invite.js';
import { systemActor } from '../../src/core/shared/context.js';
import { memberByTelegram } from '../../src/core/team/member-by-telegram.js';
import { setSellerDetails } from '../../src/core/proposals/seller-details.js';
import { sendMorningLists } from '../../src/jobs/morning-list.js';
import { sendWeeklyReports } from '../../src/jobs/weekly-report.js';
import { botWorld, TEAM_CHAT, type BotWorld } from '../../test/helpers/bot-world.js';
import { testJobContext } from '../../test/helpers/jobs.js';
import { tgUser } from '../../test/helpers/telegram.js';
import { MessageClock, type ChatMessage } from './capture.js';
import { msk, playWeek, type Manager } from './week.js';

export interface Story {
  /** The team chat on Monday morning: two cards already taken, a new one waiting for Take. */
  teamChat: ChatMessage[];
  /** The full card the taker gets in private, with the work buttons. */
  privateCard: ChatMessage;
  /** Anna's morning list on Monday at 09:00. */
  morningList: ChatMessage;
  /** The owner's weekly report: the chart PNG exactly as sent with sendPhoto, and its caption. */
  chart: { png: Uint8Array; caption: string };
  /** The commercial proposal PDF exactly as sent with sendDocument. */
  proposal: { pdf: Uint8Array; fileName: string };
}

/** Telegram users: usernames are Latin (the proposal prints the manager's). */
const person = (id: number, name: string, username: string): User => ({ ...tgUser(id, name, 'ru'), username });
const OWNER = person(501, 'Ольга', 'olga_sever');
const MANAGERS = [person(502, 'Анна', 'anna_sever'), person(503, 'Борис', 'boris_sever'), person(504, 'Дарья', 'daria_sever')];

async function joinTeam(w: BotWorld): Promise<Map<string, Manager>> {
  const join = async (user: User, role: 'owner' | 'manager') => {
    const { code } = await createInvite(w.deps.core(systemActor), role);
    await w.send(user, `/start ${code}`);
  };
  await join(OWNER, 'owner');
  const team = new Map<string, Manager>();
  for (const user of MANAGERS) {
    await join(user, 'manager');
    const m = (await memberByTelegram(w.deps, user.id))!;
    team.set(user.first_name, { user, actor: { kind: 'member', id: m.id, label: m.name, role: 'manager', language: 'ru' } });
  }
  return team;
}

/**
 * A web studio's CRM through one week and a Monday morning, played through the product: the real
 * bot against the strict fake Bot API over a fresh libSQL database, with a fixed clock.
 */
export async function playStory(): Promise<Story> {
  const w = await botWorld();
  try {
    const clock = new MessageClock(w.api, w.deps.clock.now);
    w.deps.clock.set(msk(13, '10:00'));
    const team = await joinTeam(w);
    const [anna, boris, daria] = MANAGERS.map((u) => team.get(u.first_name)!.user) as [User, User, User];
    await playWeek(w, team, () => clock.stamp());

    // Monday 09:00 in Moscow: the morning lists and the owner's report for last week.
    w.deps.clock.set(msk(23, '09:00'));
    const jobs = testJobContext(w.h, { clock: w.deps.clock });
    await sendMorningLists(jobs, w.deps.now());
    await sendWeeklyReports(jobs, w.deps.now());
    await w.deliver();
    const morningList = clock.capture(w.api.last(anna.id));
    const photo = w.api.uploads.find((u) => u.method === 'sendPhoto' && u.chatId === OWNER.id);
    if (!photo) throw new Error('the weekly report did not arrive as a photo');

    // New requests: two are taken quickly, the third is on screen waiting.
    const arrive = async (at: Date, input: Parameters<BotWorld['lead']>[0], taker?: User, after = 0) => {
      w.deps.clock.set(at);
      await w.lead(input);
      await w.deliver();
      clock.stamp();
      if (!taker) return;
      w.deps.clock.advance(after * 60_000);
      await w.tap(taker, 'Взять', w.api.last(TEAM_CHAT));
      clock.stamp();
    };
    await arrive(msk(23, '09:41'), { channel: 'call', intakeSource: 'zadarma', name: null, phone: '+7 495 620-14-88' }, daria, 1);
    await arrive(
      msk(23, '10:05'),
      { name: 'Мария Соколова', phone: '+7 926 405-33-12', comment: 'Нужна консультация по продвижению' },
      boris,
      2,
    );
    await arrive(msk(23, '10:12'), {
      name: 'Иван Петров',
      phone: '+7 916 555-44-33',
      email: 'ivan.petrov@example.com',
      companyName: 'ООО «Ромашка»',
      comment: 'Нужен сайт-каталог на 200 товаров с выгрузкой из 1С. Запуск до марта.',
    });
    const teamChat = w.api
      .chat(TEAM_CHAT)
      .slice(-3)
      .map((m) => clock.capture(m));

    w.deps.clock.advance(3 * 60_000);
    await w.tap(anna, 'Взять', w.api.last(TEAM_CHAT));
    const privateCard = clock.capture(w.api.last(anna.id));

    return {
      teamChat,
      privateCard,
      morningList,
      chart: { png: photo.bytes, caption: photo.caption },
      proposal: await proposalFor(w, anna),
    };
  } finally {
    w.close();
  }
}

/** The owner fills in the studio and its catalogue; Anna turns the lead into a deal, adds two products and sends the proposal. */
async function proposalFor(w: BotWorld, anna: User): Promise<Story['proposal']> {
  w.deps.clock.set(msk(23, '11:20'));
  await setSellerDetails(w.deps.core(systemActor), {
    name: 'Студия «Северный ветер»',
    legalName: 'ООО «Северный ветер»',
    address: 'Москва, ул. Примерная, д. 1, офис 12',
    phone: '+7 495 000-00-00',
    email: 'sales@example.ru',
    website: 'example.ru',
    proposalNote: 'Оплата: 50% предоплата, 50% после сдачи работ.',
  });
  await w.send(OWNER, '/products');
  await w.tap(OWNER, /^prs$/);
  await w.tap(anna, /^cv:/);
  await w.tap(anna, /^cvy:/);
  await w.tap(anna, /^di:/);
  await w.tap(anna, 'Разработка сайта');
  await w.tap(anna, 'SEO-продвижение');
  await w.tap(anna, /^dc:/);
  await w.tap(anna, /^dp:/);
  const pdf = w.api.uploads.find((u) => u.method === 'sendDocument' && u.chatId === anna.id);
  if (!pdf) throw new Error('the proposal did not arrive as a document');
  return { pdf: pdf.bytes, fileName: pdf.fileName };
}
