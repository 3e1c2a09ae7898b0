import type { Actor } from './context.js';
import { forbidden } from './errors.js';

/**
 * Visibility, the one rule every adapter relies on: a manager sees and changes only their own
 * records and the unassigned pool; heads and the owner see everything; system jobs and imports act for the team.
 */
export function canSeeRecord(actor: Actor, record: { assigneeId: string | null }): boolean {
  if (actor.kind !== 'member') return actor.kind === 'system' || actor.kind === 'import';
  if (actor.role === 'owner' || actor.role === 'head') return true;
  return record.assigneeId === null || record.assigneeId === actor.id;
}

export function assertCanSee(actor: Actor, record: { assigneeId: string | null }, what = 'record'): void {
  if (!canSeeRecord(actor, record)) throw forbidden(`This ${what} belongs to another manager`);
}

export function isLeadership(actor: Actor): boolean {
  return actor.kind === 'member' && (actor.role === 'owner' || actor.role === 'head');
}

export function memberId(actor: Actor): string | null {
  return actor.kind === 'member' ? actor.id : null;
}

/**
 * Team-wide figures (the conversion report, the forgotten-lead audit) name every manager's leads:
 * heads, the owner and the system's scheduled jobs may read them, a manager may not.
 */
export function assertTeamWide(actor: Actor, what: string): void {
  if (actor.kind === 'system' || isLeadership(actor)) return;
  throw forbidden(`Only the owner and heads see ${what}`);
}
