import { CHANNELS, JUNK_REASONS, LOST_REASONS, OPEN_DEAL_STAGES, type Channel, type LeadStatus } from '../../db/enums.js';
import type { Db } from '../../db/client.js';
import { activities, companies, contacts, deals, history, leads, members } from '../../db/schema/index.js';
import { newId } from '../../src/core/shared/ids.js';

const DAY = 86_400_000;
const FIRST = ['Anna', 'Boris', 'Daria', 'Egor', 'Irina', 'Maxim'];
const PEOPLE = [
  'Ivan Petrov',
  'Maria Sokolova',
  'Alexey Smirnov',
  'Elena Kuznetsova',
  'Dmitry Popov',
  'Olga Volkova',
  'Sergey Lebedev',
  'Natalia Morozova',
  'Pavel Novikov',
  'Tatiana Fedorova',
];
const FIRMS = [
  'Romashka',
  'Vector',
  'Severstal Service',
  'Nord Logistics',
  'Aurora Dental',
  'Baikal Foods',
  'Kedr Build',
  'Volga Motors',
  'Altai Tea',
  'Ural Print',
  'Sibir IT',
  'Neva Hotels',
];
const WHAT = ['website', 'CRM setup', 'support plan', 'mobile app', 'SEO audit', 'online store', 'branding', 'ad campaign'];

/** A seeded, repeatable pseudo-random sequence: the same demo every run. */
function rng(seed: number) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

async function insertAll(db: Db, table: Parameters<Db['insert']>[0], rows: Record<string, unknown>[]) {
  for (let i = 0; i < rows.length; i += 200) await db.insert(table).values(rows.slice(i, i + 200) as never);
}

/**
 * A sales team for the Mini App bench and screenshots: an owner, a head and six managers, `openDeals`
 * open deals over the stages (with client, company and a next step, a fifth of them late), and three
 * months of leads and closed deals so the dashboard has something to show.
 */
export async function seedMiniAppWorld(db: Db, now: Date, opts: { openDeals?: number; leads?: number } = {}) {
  const rand = rng(42);
  const pickOf = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const t = now.getTime();
  const at = new Date(t - 120 * DAY);
  const team = [
    { name: 'Olga', role: 'owner' as const },
    { name: 'Helen', role: 'head' as const },
    ...FIRST.map((name) => ({ name, role: 'manager' as const })),
  ].map((m, i) => ({
    id: newId(),
    telegramId: 9000 + i,
    chatId: 9000 + i,
    name: m.name,
    role: m.role,
    language: 'en' as const,
    timeZone: 'Europe/Moscow',
    createdAt: at,
    updatedAt: at,
  }));
  await insertAll(db, members, team);
  const managers = team.filter((m) => m.role === 'manager');

  const firmRows = FIRMS.map((name) => ({ id: newId(), name: `${name} LLC`, nameKey: name.toLowerCase(), createdAt: at, updatedAt: at }));
  await insertAll(db, companies, firmRows);
  const people = Array.from({ length: 200 }, (_, i) => ({
    id: newId(),
    name: PEOPLE[i % PEOPLE.length]!,
    phone: `+7999${String(1000000 + i)}`,
    companyId: firmRows[i % firmRows.length]!.id,
    createdAt: at,
    updatedAt: at,
  }));
  await insertAll(db, contacts, people);

  const dealRows: Record<string, unknown>[] = [];
  const acts: Record<string, unknown>[] = [];
  const lines: Record<string, unknown>[] = [];
  let number = 1;
  for (let i = 0; i < (opts.openDeals ?? 1000); i++) {
    const person = pickOf(people);
    const firm = firmRows.find((f) => f.id === person.companyId)!;
    const owner = pickOf(managers);
    const id = newId();
    const created = new Date(t - Math.floor(rand() * 60) * DAY);
    dealRows.push({
      id,
      number: number++,
      title: `${firm.name.replace(' LLC', '')} ${pickOf(WHAT)}`,
      stage: OPEN_DEAL_STAGES[i % OPEN_DEAL_STAGES.length],
      amount: (20 + Math.floor(rand() * 80)) * 5_000_00,
      currency: 'RUB',
      contactId: person.id,
      companyId: firm.id,
      assigneeId: owner.id,
      channel: pickOf(CHANNELS),
      createdAt: created,
      updatedAt: created,
    });
    const due = rand() < 0.2 ? t - Math.floor(1 + rand() * 72) * 3_600_000 : t + Math.floor(1 + rand() * 240) * 3_600_000;
    acts.push({
      id: newId(),
      kind: pickOf(['call', 'meeting', 'task'] as const),
      subject: pickOf(['follow_up', 'Send the proposal', 'Demo call', 'Agree on the contract']),
      dueAt: new Date(due),
      assigneeId: owner.id,
      dealId: id,
      createdAt: created,
      updatedAt: created,
    });
    lines.push({
      id: newId(),
      entityType: 'deal',
      entityId: id,
      action: 'created',
      actorKind: 'member',
      actorId: owner.id,
      actorLabel: owner.name,
      changes: {},
      createdAt: created,
    });
  }

  // Leads of the last 90 days; about a third became deals, some of those won or lost.
  const leadRows: Record<string, unknown>[] = [];
  for (let i = 0; i < (opts.leads ?? 1500); i++) {
    const created = t - Math.floor(rand() * 90 * DAY);
    const owner = pickOf(managers);
    const channel: Channel = pickOf(['site_form', 'site_form', 'call', 'missed_call', 'partner', 'cold_call'] as const);
    const r = rand();
    const status: LeadStatus = r < 0.35 ? 'converted' : r < 0.5 ? 'junk' : r < 0.55 ? 'new' : 'in_progress';
    const id = newId();
    const touched = status === 'new' ? null : new Date(created + Math.floor(2 + rand() * 40) * 60_000);
    const closed =
      status === 'converted' || status === 'junk' ? new Date(Math.min(t - 60_000, created + Math.floor(rand() * 5) * DAY)) : null;
    leadRows.push({
      id,
      number: 10_000 + i,
      name: pickOf(PEOPLE),
      channel,
      status,
      junkReason: status === 'junk' ? pickOf(JUNK_REASONS) : null,
      assigneeId: status === 'new' ? null : owner.id,
      firstTouchedAt: touched,
      closedAt: closed,
      createdAt: new Date(created),
      updatedAt: new Date(created),
    });
    if (status === 'converted') {
      const outcome = rand();
      // Closed ones only, so the board holds exactly `openDeals`.
      const stage = outcome < 0.55 ? 'won' : 'lost';
      const dealClosed = new Date(Math.min(t - 60_000, created + Math.floor(3 + rand() * 20) * DAY));
      dealRows.push({
        id: newId(),
        number: number++,
        title: `${pickOf(FIRMS)} ${pickOf(WHAT)}`,
        stage,
        amount: (10 + Math.floor(rand() * 90)) * 5_000_00,
        currency: 'RUB',
        leadId: id,
        assigneeId: owner.id,
        channel,
        lostReason: stage === 'lost' ? pickOf(LOST_REASONS) : null,
        closedAt: dealClosed,
        createdAt: closed!,
        updatedAt: closed!,
      });
    } else if (status === 'in_progress') {
      acts.push({
        id: newId(),
        kind: 'call',
        subject: 'follow_up',
        dueAt: new Date(t + (rand() < 0.3 ? -2 : 1) * Math.floor(1 + rand() * 48) * 3_600_000),
        assigneeId: owner.id,
        leadId: id,
        createdAt: new Date(created),
        updatedAt: new Date(created),
      });
    }
  }
  await insertAll(db, leads, leadRows);
  await insertAll(db, deals, dealRows);
  await insertAll(db, activities, acts);
  await insertAll(db, history, lines);
  return { owner: team[0]!, head: team[1]!, managers };
}
