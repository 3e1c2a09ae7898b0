import { inArray } from 'drizzle-orm';
import { contacts, deals, leads } from '../../../db/schema/index.js';
import { canSeeRecord } from '../shared/access.js';
import { inChunks } from '../shared/bound-params.js';
import type { CoreContext } from '../shared/context.js';
import { forbidden } from '../shared/errors.js';

/**
 * Contacts and companies have no owner of their own; they belong to whoever works their leads
 * and deals. A manager may open one unless every linked lead and deal is another manager's.
 * Id lists go through `inChunks`: a company's people can be hundreds, past D1's 100 bound
 * parameters a statement (bound-params.ts).
 */
export async function canSeeContacts(ctx: CoreContext, contactIds: string[]): Promise<Set<string>> {
  if (contactIds.length === 0) return new Set();
  const owners = await linkedAssignees(ctx, contactIds);
  return new Set(contactIds.filter((id) => visible(ctx, owners.get(id))));
}

export async function assertCanSeeContact(ctx: CoreContext, contactId: string): Promise<void> {
  if (!(await canSeeContacts(ctx, [contactId])).has(contactId)) throw forbidden('This contact belongs to another manager');
}

export async function canSeeCompanies(ctx: CoreContext, companyIds: string[]): Promise<Set<string>> {
  if (companyIds.length === 0) return new Set();
  const [byDeal, people] = await Promise.all([
    inChunks(companyIds, (ids) => ctx.db.select({ key: deals.companyId, assigneeId: deals.assigneeId }).from(deals).where(inArray(deals.companyId, ids))),
    inChunks(companyIds, (ids) => ctx.db.select({ id: contacts.id, companyId: contacts.companyId }).from(contacts).where(inArray(contacts.companyId, ids))),
  ]);
  const owners = new Map<string, (string | null)[]>();
  for (const row of byDeal) push(owners, row.key, row.assigneeId);
  const personOwners = await linkedAssignees(ctx, people.map((p) => p.id));
  for (const p of people) for (const a of personOwners.get(p.id) ?? []) push(owners, p.companyId, a);
  return new Set(companyIds.filter((id) => visible(ctx, owners.get(id))));
}

export async function assertCanSeeCompany(ctx: CoreContext, companyId: string): Promise<void> {
  if (!(await canSeeCompanies(ctx, [companyId])).has(companyId)) throw forbidden('This company belongs to another manager');
}

function visible(ctx: CoreContext, assignees: (string | null)[] | undefined): boolean {
  if (!assignees || assignees.length === 0) return canSeeRecord(ctx.actor, { assigneeId: null });
  return assignees.some((assigneeId) => canSeeRecord(ctx.actor, { assigneeId }));
}

async function linkedAssignees(ctx: CoreContext, contactIds: string[]): Promise<Map<string, (string | null)[]>> {
  const owners = new Map<string, (string | null)[]>();
  if (contactIds.length === 0) return owners;
  const [byLead, byDeal] = await Promise.all([
    inChunks(contactIds, (ids) => ctx.db.select({ key: leads.contactId, assigneeId: leads.assigneeId }).from(leads).where(inArray(leads.contactId, ids))),
    inChunks(contactIds, (ids) => ctx.db.select({ key: deals.contactId, assigneeId: deals.assigneeId }).from(deals).where(inArray(deals.contactId, ids))),
  ]);
  for (const row of [...byLead, ...byDeal]) push(owners, row.key, row.assigneeId);
  return owners;
}

function push(map: Map<string, (string | null)[]>, key: string | null, value: string | null): void {
  if (!key) return;
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
