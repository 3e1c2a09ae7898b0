import type { Db } from '../../db/client.js';
import type { ActivityKind, Channel, DealStage, JunkReason, LeadStatus, LostReason, Role } from '../../db/enums.js';
import { activities, deals, leads, members } from '../../db/schema/index.js';
import { newId } from '../../src/core/shared/ids.js';

/** Rows written straight to the tables: tests set up states (even forbidden ones) without the use cases. */
let serial = 0;
const next = () => ++serial;
const T0 = new Date('2026-01-01T00:00:00Z');

export async function addMember(
  db: Db,
  m: { name?: string; role?: Role; timeZone?: string; language?: 'ru' | 'en'; active?: boolean; lastAssignedAt?: Date | null; createdAt?: Date } = {},
): Promise<string> {
  const id = newId();
  const n = next();
  await db.insert(members).values({
    id,
    telegramId: 1000 + n,
    chatId: 1000 + n,
    name: m.name ?? `Member ${n}`,
    role: m.role ?? 'manager',
    language: m.language ?? 'ru',
    timeZone: m.timeZone ?? 'Europe/Moscow',
    active: m.active ?? true,
    lastAssignedAt: m.lastAssignedAt ?? null,
    createdAt: m.createdAt ?? T0,
    updatedAt: m.createdAt ?? T0,
  });
  return id;
}

export async function addLead(
  db: Db,
  l: {
    number?: number;
    name?: string;
    channel?: Channel;
    status?: LeadStatus;
    assigneeId?: string | null;
    createdAt?: Date;
    firstTouchedAt?: Date | null;
    closedAt?: Date | null;
    junkReason?: JunkReason | null;
  } = {},
): Promise<string> {
  const id = newId();
  const at = l.createdAt ?? T0;
  await db.insert(leads).values({
    id,
    number: l.number ?? next(),
    name: l.name ?? 'Lead',
    channel: l.channel ?? 'site_form',
    status: l.status ?? (l.assigneeId ? 'assigned' : 'new'),
    assigneeId: l.assigneeId ?? null,
    firstTouchedAt: l.firstTouchedAt ?? null,
    closedAt: l.closedAt ?? null,
    junkReason: l.junkReason ?? null,
    createdAt: at,
    updatedAt: at,
  });
  return id;
}

export async function addDeal(
  db: Db,
  d: {
    title?: string;
    stage?: DealStage;
    amount?: number;
    currency?: string;
    leadId?: string | null;
    assigneeId?: string | null;
    channel?: Channel;
    lostReason?: LostReason | null;
    createdAt?: Date;
    closedAt?: Date | null;
  } = {},
): Promise<string> {
  const id = newId();
  const at = d.createdAt ?? T0;
  await db.insert(deals).values({
    id,
    number: next(),
    title: d.title ?? 'Deal',
    stage: d.stage ?? 'in_progress',
    amount: d.amount ?? 0,
    currency: d.currency ?? 'RUB',
    leadId: d.leadId ?? null,
    assigneeId: d.assigneeId ?? null,
    channel: d.channel ?? null,
    lostReason: d.lostReason ?? null,
    closedAt: d.closedAt ?? null,
    createdAt: at,
    updatedAt: at,
  });
  return id;
}

export async function addActivity(
  db: Db,
  a: { dueAt: Date; assigneeId?: string | null; leadId?: string; dealId?: string; kind?: ActivityKind; subject?: string; doneAt?: Date | null },
): Promise<string> {
  const id = newId();
  await db.insert(activities).values({
    id,
    kind: a.kind ?? 'call',
    subject: a.subject ?? 'Call back',
    dueAt: a.dueAt,
    doneAt: a.doneAt ?? null,
    assigneeId: a.assigneeId ?? null,
    leadId: a.leadId ?? null,
    dealId: a.dealId ?? null,
    createdAt: T0,
    updatedAt: T0,
  });
  return id;
}
