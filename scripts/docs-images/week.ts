import type { ActivityKind, Channel, IntakeSource, LostReason } from '../../db/enums.js';
import type { Actor } from '../../src/core/shared/context.js';
import { convertLead } from '../../src/core/leads/convert-lead.js';
import { createLeadFromIntake } from '../../src/core/intake/create-lead-from-intake.js';
import { junkLead } from '../../src/core/leads/junk-lead.js';
import { logCall } from '../../src/core/leads/log-call.js';
import { loseDeal } from '../../src/core/deals/lose-deal.js';
import { winDeal } from '../../src/core/deals/win-deal.js';
import { webhookActor } from '../../webhooks/actors.js';
import type { BotWorld } from '../../test/helpers/bot-world.js';
import { TEAM_CHAT } from '../../test/helpers/bot-world.js';
import type { User } from 'grammy/types';

/** A moment in Moscow (UTC+3 all year): `msk(23, '09:00')` is Monday 23 November 2026, 09:00. */
export function msk(day: number, time: string): Date {
  const [h, m] = time.split(':').map(Number);
  return new Date(Date.UTC(2026, 10, day, h! - 3, m!));
}

export interface Manager {
  user: User;
  actor: Actor;
}

type Step = { kind: ActivityKind; subject: string; at: Date };

/** One request of the demo week and what became of it. */
export interface WeekLead {
  at: Date;
  channel: Channel;
  source: IntakeSource;
  name?: string;
  phone: string;
  company?: string;
  comment?: string;
  taker: string;
  /** Minutes the card waited in the team chat before someone pressed Take. */
  takeAfter: number;
  /** What the taker planned after the first call (an open lead or deal always has one). */
  next?: Step;
  /** Became a deal of this amount (roubles), closed later as given. */
  deal?: { amount: number; won?: Date; lost?: { at: Date; reason: LostReason } };
  junkAt?: Date;
}

const call = (subject: string, at: Date): Step => ({ kind: 'call', subject, at });
const meeting = (subject: string, at: Date): Step => ({ kind: 'meeting', subject, at });
const task = (subject: string, at: Date): Step => ({ kind: 'task', subject, at });

/** A small studio's week, 16-20 November 2026: what came in, who took it, what it became. */
export const WEEK: WeekLead[] = [
  {
    at: msk(16, '09:12'),
    channel: 'site_form',
    source: 'form',
    name: 'Алексей Смирнов',
    phone: '+7 903 512-40-17',
    company: 'ООО «Вектор»',
    comment: 'Нужен лендинг под новую услугу',
    taker: 'Анна',
    takeAfter: 4,
    next: call('Уточнить структуру лендинга', msk(17, '11:00')),
    deal: { amount: 45_000, won: msk(19, '15:20') },
  },
  {
    at: msk(16, '11:40'),
    channel: 'call',
    source: 'zadarma',
    phone: '+7 495 781-22-09',
    taker: 'Борис',
    takeAfter: 2,
    next: call('Перезвонить после совещания', msk(18, '12:00')),
  },
  {
    at: msk(16, '15:05'),
    channel: 'partner',
    source: 'partner',
    name: 'Елена Кузнецова',
    phone: '+7 921 330-18-52',
    company: 'Клиника «Аврора»',
    comment: 'Рекомендация от агентства, интересует SEO',
    taker: 'Дарья',
    takeAfter: 9,
    next: meeting('Аудит сайта клиники', msk(18, '14:00')),
    deal: { amount: 90_000, won: msk(20, '12:30') },
  },
  {
    at: msk(17, '10:03'),
    channel: 'site_form',
    source: 'tilda',
    name: 'Дмитрий Попов',
    phone: '+7 916 204-77-31',
    comment: 'Сколько стоит интернет-магазин?',
    taker: 'Борис',
    takeAfter: 6,
    next: call('Выслать примеры магазинов', msk(18, '10:00')),
    deal: { amount: 180_000, lost: { at: msk(20, '16:10'), reason: 'price' } },
  },
  {
    at: msk(17, '13:27'),
    channel: 'missed_call',
    source: 'mango',
    phone: '+7 985 640-11-93',
    taker: 'Анна',
    takeAfter: 3,
    junkAt: msk(17, '14:00'),
  },
  {
    at: msk(17, '16:48'),
    channel: 'site_form',
    source: 'form',
    name: 'Наталья Морозова',
    phone: '+7 926 118-65-40',
    company: 'ИП Морозова',
    comment: 'Нужна настройка Яндекс Директа для салона',
    taker: 'Анна',
    takeAfter: 12,
    next: call('Обсудить бюджет рекламы', msk(23, '11:30')),
  },
  {
    at: msk(18, '09:55'),
    channel: 'site_form',
    source: 'form',
    name: 'Павел Новиков',
    phone: '+7 915 903-27-66',
    company: 'ООО «Норд Логистик»',
    comment: 'Сайт устарел, хотим переделать',
    taker: 'Анна',
    takeAfter: 5,
    next: meeting('Презентация прототипа', msk(23, '14:00')),
    deal: { amount: 150_000 },
  },
  {
    at: msk(18, '12:14'),
    channel: 'call',
    source: 'zadarma',
    name: 'Сергей Лебедев',
    phone: '+7 812 407-90-15',
    taker: 'Дарья',
    takeAfter: 1,
    next: call('Согласовать ТЗ', msk(24, '10:30')),
    deal: { amount: 60_000, won: msk(20, '17:40') },
  },
  {
    at: msk(18, '17:31'),
    channel: 'partner',
    source: 'partner',
    name: 'Татьяна Фёдорова',
    phone: '+7 962 550-38-04',
    company: 'ООО «Байкал Фудс»',
    taker: 'Борис',
    takeAfter: 17,
    next: call('Созвон с маркетологом', msk(24, '15:00')),
  },
  {
    at: msk(19, '10:20'),
    channel: 'site_form',
    source: 'form',
    name: 'Ирина Белова',
    phone: '+7 977 245-80-19',
    comment: 'Реклама',
    taker: 'Дарья',
    takeAfter: 8,
    junkAt: msk(19, '10:45'),
  },
  {
    at: msk(19, '11:02'),
    channel: 'site_form',
    source: 'tilda',
    name: 'Максим Орлов',
    phone: '+7 903 771-54-28',
    company: 'ООО «Кедр Строй»',
    comment: 'Каталог проектов домов с калькулятором',
    taker: 'Анна',
    takeAfter: 2,
    next: task('Отправить примеры работ', msk(20, '17:00')),
    deal: { amount: 220_000 },
  },
  {
    at: msk(19, '14:36'),
    channel: 'missed_call',
    source: 'mango',
    phone: '+7 916 882-03-47',
    taker: 'Борис',
    takeAfter: 4,
    next: call('Перезвонить: не дозвонились', msk(23, '10:00')),
  },
  {
    at: msk(20, '09:48'),
    channel: 'site_form',
    source: 'form',
    name: 'Светлана Гусева',
    phone: '+7 925 613-72-90',
    comment: 'Нужен SEO-аудит интернет-магазина',
    taker: 'Анна',
    takeAfter: 6,
    next: call('Согласовать договор', msk(23, '16:00')),
    deal: { amount: 30_000 },
  },
  {
    at: msk(20, '15:15'),
    channel: 'call',
    source: 'zadarma',
    name: 'Олег Васильев',
    phone: '+7 499 302-61-77',
    company: 'ООО «Волга Моторс»',
    taker: 'Дарья',
    takeAfter: 3,
    next: call('Отправить коммерческое предложение', msk(23, '12:00')),
    deal: { amount: 120_000, lost: { at: msk(20, '18:20'), reason: 'competitor' } },
  },
];

/** Who wrote the lead: the same actors the webhook routes use, so history reads as in production. */
function intakeActor(source: IntakeSource): Actor {
  return source === 'partner' ? { kind: 'partner', id: 'partner-digital', label: 'partner «Цифра»' } : webhookActor(source);
}

/**
 * Plays the week through the product: each request arrives through the intake use case, its card
 * goes to the team chat, the named manager presses Take, then calls, converts, wins, loses or
 * junks it at the given times. Events run in time order so the clock only moves forward.
 */
export async function playWeek(w: BotWorld, team: Map<string, Manager>, stamp: () => void): Promise<void> {
  type Event = { at: Date; run: () => Promise<unknown> };
  const events: Event[] = [];
  const ids = new Map<WeekLead, { leadId: string; dealId?: string }>();
  for (const l of WEEK) {
    const m = team.get(l.taker)!;
    const core = () => w.deps.core(m.actor);
    const taken = new Date(l.at.getTime() + l.takeAfter * 60_000);
    const called = new Date(taken.getTime() + 10 * 60_000);
    events.push({
      at: l.at,
      run: async () => {
        const r = await createLeadFromIntake(w.deps.core(intakeActor(l.source)), {
          channel: l.channel,
          intakeSource: l.source,
          name: l.name ?? null,
          phone: l.phone,
          companyName: l.company ?? null,
          comment: l.comment ?? null,
        });
        ids.set(l, { leadId: r.lead.id });
        await w.deliver();
      },
    });
    events.push({ at: taken, run: () => w.tap(m.user, 'Взять', w.api.last(TEAM_CHAT)) });
    events.push({
      at: called,
      run: async () => {
        const { leadId } = ids.get(l)!;
        if (l.junkAt) return;
        const next = l.next!;
        // The planned step moves to the deal when the lead converts.
        await logCall(core(), { leadId, outcome: 'reached', next: { kind: next.kind, subject: next.subject, dueAt: next.at } });
        if (!l.deal) return;
        const deal = await convertLead(core(), { leadId, amount: l.deal.amount * 100, ...(l.company ? { companyName: l.company } : {}) });
        ids.get(l)!.dealId = deal.dealId;
      },
    });
    if (l.junkAt)
      events.push({
        at: l.junkAt,
        run: () => junkLead(core(), { leadId: ids.get(l)!.leadId, reason: l.comment ? 'spam' : 'not_our_client' }),
      });
    if (l.deal?.won) events.push({ at: l.deal.won, run: () => winDeal(core(), { dealId: ids.get(l)!.dealId! }) });
    const lost = l.deal?.lost;
    if (lost) events.push({ at: lost.at, run: () => loseDeal(core(), { dealId: ids.get(l)!.dealId!, reason: lost.reason }) });
  }
  events.sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const e of events) {
    w.deps.clock.set(e.at);
    await e.run();
    await w.deliver();
    stamp();
  }
}
